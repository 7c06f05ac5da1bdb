import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness, until } from "../fakes/discord/harness.ts";

const hello = async (): Promise<Reply[]> => [{ text: "Bonjour !", visibility: "private" }];
let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("Starting the Discord channel", () => {
  it("when Discord is down at start, start() returns, logs it, and the bot connects once Discord is back", async () => {
    harness = await startDiscordHarness(hello, {
      // Four 503s: the first login gives up after discord.js's three retries.
      before: (fake) => fake.rest.failNext({ method: "GET", path: /^\/gateway\/bot$/, status: 503, times: 4 }),
      adapter: { loginRetryMs: 50 },
      waitForCommands: false,
    });
    expect(harness.logs.some((l) => l.msg === "Discord unreachable at start; retrying in the background")).toBe(true);
    await until(() => harness!.fake.rest.commands.has(harness!.fake.guildId));
    expect((await harness.driver.send("alice", "aide")).map((r) => r.text)).toEqual(["Bonjour !"]);
  });

  it("a rejected bot token is reported once, without retrying", async () => {
    harness = await startDiscordHarness(hello, {
      token: "not-the-token",
      adapter: { loginRetryMs: 50 },
      waitForCommands: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.fake.rest.calls.filter((c) => c.path === "/gateway/bot").map((c) => c.status)).toEqual([401]);
    expect(harness.logs.filter((l) => Number(l.level) >= 50).map((l) => l.msg)).toEqual([
      "Discord rejected the bot token (DISCORD_BOT_TOKEN); the Discord channel stays off",
    ]);
  });

  it("stopping lets the answers being prepared reach the members", async () => {
    const slowHello = () =>
      new Promise<Reply[]>((resolve) => setTimeout(() => resolve([{ text: "Bonjour !", visibility: "private" }]), 600));
    harness = await startDiscordHarness(slowHello);
    const sending = harness.driver.send("alice", "aide");
    await until(() => harness!.fake.rest.interactions.size === 1);
    // Let the gateway hand it to the adapter (loopback: a few ms), then stop while the core is busy.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await harness.adapter.stop();
    expect([...harness.fake.rest.interactions.values()][0]!.original?.content).toBe("Bonjour !");
    expect((await sending).map((r) => r.text)).toEqual(["Bonjour !"]);
  });
});
