import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { botCommands } from "../../../src/bot.ts";
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from "../../../src/channels/slack/index.ts";
import type { Dispatch } from "../../../src/core/dispatch.ts";
import { buildServer } from "../../../src/http/server.ts";
import { silentLog } from "../../support/bot.ts";
import { BOT_TOKEN, SIGNING_SECRET, type SlackRequest, signatureHeaders } from "./requests.ts";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "./server.ts";

/** Test settings: short pacing and retry delays, so the files run in seconds. */
export const FAST: SlackAdapterOptions = {
  channelIntervalMs: 50,
  retry: { retries: 3, minTimeoutMs: 10, maxTimeoutMs: 50 },
};

export interface SlackHarness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  server: Awaited<ReturnType<typeof buildServer>>;
  /** Posts a request to `/slack/events` as Slack does (signed unless told otherwise). */
  post(
    request: SlackRequest,
    options?: { headers?: Record<string, string>; unsigned?: boolean },
  ): Promise<{ status: number; body: string; ms: number }>;
  close(): Promise<void>;
}

/** The fake Slack, the adapter pointed at it, and the bot's HTTP server with the adapter's routes. */
export async function startSlackHarness(
  dispatch: Dispatch,
  options: { adapter?: SlackAdapterOptions; fake?: FakeSlackOptions; log?: Logger } = {},
): Promise<SlackHarness> {
  const log = options.log ?? silentLog;
  const fake = await startFakeSlack(options.fake ?? { channelIntervalMs: 50 });
  const adapter = createSlackAdapter(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
    { dispatch, log, commands: botCommands },
    options.adapter ?? FAST,
  );
  // Mounted as in main.ts: buildServer registers the routes of the adapters it is given.
  const server = await buildServer({
    database: { kind: "pglite", ping: async () => {} },
    log: silentLog,
    adapters: [adapter],
    startedAt: new Date(),
    demo: false,
  });
  await server.listen({ host: "127.0.0.1", port: 0 });
  await adapter.start();
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/slack/events`;
  return {
    fake,
    adapter,
    server,
    async post(request, postOptions = {}) {
      const headers = {
        "content-type": request.contentType,
        ...(postOptions.unsigned ? {} : signatureHeaders(request.body)),
        ...postOptions.headers,
      };
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers, body: request.body });
      const body = await response.text();
      return { status: response.status, body, ms: performance.now() - started };
    },
    async close() {
      await adapter.stop();
      await server.close();
      await fake.close();
    },
  };
}
