import { Writable } from "node:stream";
import { pino } from "pino";
import { botCommands } from "../../../src/bot.ts";
import { createDiscordAdapter, type DiscordAdapterOptions } from "../../../src/channels/discord/index.ts";
import type { ChannelAdapter } from "../../../src/core/channel.ts";
import type { Dispatch } from "../../../src/core/dispatch.ts";
import type { ChannelDriver } from "../../contract/driver.ts";
import { createDiscordDriver } from "./driver.ts";
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from "./server.ts";

export interface DiscordHarness {
  fake: FakeDiscord;
  adapter: ChannelAdapter;
  driver: ChannelDriver;
  /** Everything the adapter logged, parsed. */
  logs: Record<string, unknown>[];
  /** Resolves when the adapter has finished with this interaction (call before delivering it). */
  handled(interactionId: string): Promise<void>;
  close(): Promise<void>;
}

/** The fake Discord, the adapter (real discord.js) pointed at it, connected, and a driver. */
export async function startDiscordHarness(
  dispatch: Dispatch,
  options: {
    fake?: FakeDiscordOptions;
    adapter?: DiscordAdapterOptions;
    token?: string;
    before?: (fake: FakeDiscord) => void;
    waitForCommands?: boolean;
  } = {},
): Promise<DiscordHarness> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 2000, ...options.fake });
  options.before?.(fake);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const waiters = new Map<string, (() => void)[]>();
  const handled = (id: string) =>
    new Promise<void>((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
  const adapter = createDiscordAdapter(
    { token: options.token ?? fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
    { dispatch, log: pino({ level: "debug" }, sink), commands: botCommands },
    {
      restRetries: 3,
      ...options.adapter,
      onInteractionHandled: (id) => {
        for (const resolve of waiters.get(id) ?? []) resolve();
        waiters.delete(id);
        options.adapter?.onInteractionHandled?.(id);
      },
    },
  );
  await adapter.start();
  if (options.waitForCommands !== false)
    await until(() => fake.rest.commands.has(fake.guildId) && fake.rest.commands.has("global"));
  return {
    fake,
    adapter,
    driver: createDiscordDriver(fake, handled),
    logs,
    handled,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** Waits (bounded) for a condition the bot reaches asynchronously. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
