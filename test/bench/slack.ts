// Slack adapter figures for `npm run bench`: never asserted by tests.
// 200 members at once send a signed request to /slack/events from a load thread; we time the HTTP
// acknowledgement (Slack's deadline: 3 s) and the moment the fake Slack receives the reply.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import type { LoadRequest, LoadResult } from "../fakes/slack/load-worker.ts";
import {
  blockAction,
  directMessage,
  type SlackRequest,
  signatureHeaders,
  slashCommand,
  TEAM_ID,
} from "../fakes/slack/requests.ts";
import type { SlackCall } from "../fakes/slack/server.ts";
import { createTestBot } from "../support/bot.ts";

const MEMBERS = 200;
const ROUNDS = 3;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

type Build = (i: number, hook: string) => { request: SlackRequest; replied: (call: SlackCall) => boolean };

/** One request per member at once; returns ack times and request → reply-received times. */
async function wave(
  harness: SlackHarness,
  worker: Worker,
  build: Build,
): Promise<{ acks: number[]; replies: number[] }> {
  const url = `http://127.0.0.1:${(harness.server.server.address() as AddressInfo).port}/slack/events`;
  const built = Array.from({ length: MEMBERS }, (_, i) => build(i, harness.fake.newResponseUrl()));
  const from = harness.fake.calls.length;
  const requests: LoadRequest[] = built.map(({ request }) => ({
    body: request.body,
    headers: { "content-type": request.contentType, ...signatureHeaders(request.body) },
  }));
  const answered = new Promise<LoadResult[]>((resolve) => worker.once("message", resolve));
  worker.postMessage({ url, requests });
  const results = await answered;
  if (results.some((r) => r.status !== 200)) throw new Error("a request was not acknowledged with 200");
  const replies = await Promise.all(
    built.map((b, i) =>
      harness.fake
        .waitFor((c) => harness.fake.calls.indexOf(c) >= from && c.status === 200 && b.replied(c), 60_000)
        .then((c) => c.at - results[i]!.sentAt),
    ),
  );
  return { acks: results.map((r) => r.ackMs), replies };
}

/** Runs the Slack bench and returns its figures. */
export async function benchSlack(): Promise<Record<string, number | string>> {
  const bot = await createTestBot();
  await bot.db.prisma.channelBinding.create({
    data: { networkId: bot.networkId, platform: "slack", scopeId: TEAM_ID },
  });
  // Production pacing (1 message/s per channel); each member answers in their own conversation.
  const harness = await startSlackHarness(bot.dispatch, {
    adapter: { channelIntervalMs: 1_000 },
    fake: { channelIntervalMs: 1_000 },
  });
  const worker = new Worker(new URL("../fakes/slack/load-worker.ts", import.meta.url));
  const member = (i: number) => ({ userId: `UBENCH${i}`, name: `bench-${i}` });
  const general = { channelId: "C0GENERAL", channelName: "general" };
  const viaHook = (hook: string) => (c: SlackCall) =>
    c.method === "response_url" && c.body.hook === new URL(hook).pathname;
  const command: Build = (i, hook) => ({
    request: slashCommand(member(i), "aide", general, hook),
    replied: viaHook(hook),
  });
  const dm: Build = (i) => ({
    request: directMessage(member(i), "aide", `DBENCH${i}`),
    replied: (c) => c.method === "chat.postMessage" && c.body.channel === `DBENCH${i}`,
  });
  const pressed = { type: "button", action_id: "onb:language:fr", block_id: "b", value: "onb:language:fr" };
  const press: Build = (i, hook) => ({
    request: blockAction(
      member(i),
      { channelId: general.channelId, messageTs: "1.0", ephemeral: true },
      pressed,
      hook,
      randomUUID(),
    ),
    replied: viaHook(hook),
  });
  try {
    await wave(harness, worker, command); // first contact creates the members; not measured
    const figures = {
      command: { acks: [] as number[], replies: [] as number[] },
      dm: { acks: [] as number[], replies: [] as number[] },
      press: { acks: [] as number[], replies: [] as number[] },
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, build] of [
        ["command", command],
        ["dm", dm],
        ["press", press],
      ] as const) {
        const r = await wave(harness, worker, build);
        figures[name].acks.push(...r.acks);
        figures[name].replies.push(...r.replies);
      }
    }
    const out: Record<string, number | string> = { members: MEMBERS, requestsPerKind: MEMBERS * ROUNDS };
    for (const [name, label] of [
      ["command", "slash command"],
      ["press", "button press"],
      ["dm", "direct message"],
    ] as const) {
      out[`${label}: ack p50 ms`] = percentile(figures[name].acks, 50);
      out[`${label}: ack p99 ms`] = percentile(figures[name].acks, 99);
      out[`${label} → reply p50 ms`] = percentile(figures[name].replies, 50);
      out[`${label} → reply p99 ms`] = percentile(figures[name].replies, 99);
    }
    out["429 answers"] = harness.fake.calls.filter((c) => c.status === 429).length;
    return out;
  } finally {
    await worker.terminate();
    await harness.close();
    await bot.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchSlack());
