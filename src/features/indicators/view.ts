import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { builds } from "../builds/pool.ts";
import { boardMessages } from "./board.ts";
import { indicatorChartSvg } from "./chart.ts";
import { chartInput } from "./chart-input.ts";
import { loadBoard } from "./data.ts";
import { chartActionId, readChartAction, readTypedRequest } from "./request.ts";

/** `indicateurs [année] [territoire]`: each indicator's progress against its target, with a button for the chart. */
export async function showIndicators(ctx: Context, args: string): Promise<Reply[]> {
  const request = await readTypedRequest(ctx, args);
  const board = await loadBoard(ctx, request);
  const texts = boardMessages(
    ctx.t,
    ctx.actor.locale,
    board.heading,
    board.values,
    board.planTitles,
    board.sameRangeForAll,
  );
  if (board.values.length === 0) return texts.map((text) => say(text));
  const chart = { id: chartActionId(request), label: ctx.t("indicators.buttons.chart") };
  return texts.map((text, i) => (i === texts.length - 1 ? say(text, [chart]) : say(text)));
}

/** The chart button: the same indicators as a PNG bar chart. */
export async function sendIndicatorChart(
  ctx: Context,
  year: number | "current",
  territoryId: string,
): Promise<Reply[]> {
  const board = await loadBoard(ctx, await readChartAction(ctx, year, territoryId));
  const svg = indicatorChartSvg(chartInput(ctx.t, ctx.actor.locale, board));
  // Rendering is CPU work of the WebAssembly renderer: a build thread does it (render-png.ts).
  const png = (await builds.build("png", (channel) => channel.send({ op: "svg", svg }))).bytes;
  return [
    {
      text: ctx.t("indicators.chart.caption", { period: board.heading.period, scope: board.heading.scope }),
      files: [
        {
          name: ctx.t("indicators.chart.fileName", { date: isoDay(board.today) }),
          mediaType: "image/png",
          content: png,
        },
      ],
      visibility: "private",
    },
  ];
}
