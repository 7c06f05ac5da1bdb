import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/core/i18n.ts";
import type { Reply } from "../../src/core/reply.ts";
import { BAR_COLOUR, CHART_WIDTH, escapeXml, indicatorChartSvg } from "../../src/features/indicators/chart.ts";
import { chartInput } from "../../src/features/indicators/chart-input.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import type { Board } from "../../src/features/indicators/data.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { communeId, insertReport, memberId } from "./activity-support.ts";

let bot: TestBot;
const SPECIAL_LABEL = `Ateliers « parents & enfants » <10 ans, "découverte"`;

beforeAll(async () => {
  bot = await createTestBot();
  const fiche = await bot.db.prisma.ficheAction.findFirstOrThrow({ where: { networkId: bot.networkId, code: "3.2" } });
  await bot.db.prisma.indicator.create({
    data: {
      networkId: bot.networkId,
      ficheActionId: fiche.id,
      label: SPECIAL_LABEL,
      target: 4,
      unit: "workshops",
      period: "YEAR",
      computation: "COUNT_ACTIVITIES",
      filter: { kind: "COLLECTIVE" },
    },
  });
  const adviser = await memberId(bot, "demo-adviser");
  const moissac = await communeId(bot, "Moissac");
  for (const date of ["2026-02-10", "2026-06-10", "2026-10-10"]) {
    await insertReport(bot, adviser, {
      date: new Date(`${date}T00:00:00Z`),
      kind: "COLLECTIVE",
      participants: 8,
      place: "OTHER_PLACE",
      territoryId: moissac,
    });
  }
});
afterAll(() => bot.close());

function pngOf(replies: Reply[]) {
  expect(replies).toHaveLength(1);
  const file = replies[0]!.files?.[0];
  expect(file).toBeDefined();
  return { file: file!, image: PNG.sync.read(Buffer.from(file!.content!)) };
}

/** Pixels of exactly this colour, within rows [top, bottom). */
function countColour(image: PNG, hex: string, top = 0, bottom = image.height): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 4;
      if (image.data[at] === r && image.data[at + 1] === g && image.data[at + 2] === b) count++;
    }
  }
  return count;
}

describe("the indicator chart", () => {
  it("the chart button answers with a PNG, phone-wide, with bars and legible text", async () => {
    const { file, image } = pngOf(await bot.send("demo-coordinator", action("ind:chart:current:-")));
    expect(file.name).toBe("indicateurs-2026-11-23.png");
    expect(file.mediaType).toBe("image/png");
    expect(image.width).toBe(CHART_WIDTH);
    expect(image.height).toBeGreaterThan(1000);
    expect(countColour(image, "#ffffff")).toBeGreaterThan(image.width * image.height * 0.5);
    // 3 of 4 workshops: a bar of 246 × 24 pixels, plus one member of 30.
    expect(countColour(image, BAR_COLOUR)).toBeGreaterThan(246 * 20);
    // The title is drawn with the bundled fonts: dark pixels in the top band.
    expect(countColour(image, "#111827", 0, 70)).toBeGreaterThan(500);
  });

  it("a chart for a year and a territory says so, and a forged button is refused", async () => {
    const moissac = await communeId(bot, "Moissac");
    const replies = await bot.send("demo-coordinator", action(`ind:chart:2025:${moissac}`));
    expect(replies[0]!.text).toBe("Graphique des indicateurs — Année 2025 · territoire : Moissac.");
    expect(pngOf(replies).image.width).toBe(CHART_WIDTH);
    expect(await bot.text("demo-coordinator", action("ind.chart:current:Moissac"))).toContain(
      "Ce bouton n’est plus valable",
    );
    expect(
      await bot.text("demo-coordinator", action("ind:chart:current:00000000-0000-4000-8000-000000000000")),
    ).toContain("Ce bouton ne correspond plus");
  });

  it("the SVG names every indicator, with its text escaped", async () => {
    const values = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { today: { year: 2026, month: 11, day: 23 } },
    });
    const board: Board = {
      request: { year: undefined, territory: undefined },
      today: { year: 2026, month: 11, day: 23 },
      heading: { network: "Réseau <82> & partenaires", period: "Année 2026", scope: "tout le réseau" },
      values,
      planTitles: new Map(),
      sameRangeForAll: true,
    };
    const svg = indicatorChartSvg(chartInput(createTranslator("fr"), "fr", board));
    expect(values.length).toBeGreaterThan(20);
    for (const value of values) expect(svg).toContain(escapeXml(value.label));
    expect(svg).toContain("Ateliers « parents &amp; enfants » &lt;10 ans, &quot;découverte&quot;");
    expect(svg).toContain("Soirées d&apos;accueil des internes");
    expect(svg).toContain("Indicateurs — Réseau &lt;82&gt; &amp; partenaires");
    expect(svg).not.toContain("<10 ans");
    expect(svg).toContain("3 / 4 · 75 %");
  });
});
