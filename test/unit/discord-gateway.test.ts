import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");

describe("Discord gateway connection", () => {
  let bot: TestBot;
  let harness: DiscordHarness;
  beforeAll(async () => {
    bot = await createTestBot();
    harness = await startDiscordHarness(bot.dispatch, { fake: { heartbeatIntervalMs: 200 } });
    await bot.db.prisma.channelBinding.create({
      data: { networkId: bot.networkId, platform: "discord", scopeId: harness.fake.guildId },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await bot?.close();
  });

  it("keeps the connection alive with heartbeats the gateway acknowledges", async () => {
    const before = harness.fake.gateway.ops.filter((o) => o.op === 1).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.fake.gateway.ops.filter((o) => o.op === 1).length).toBeGreaterThan(before);
    expect(text(await harness.driver.send("alice", "aide"))).toContain("Présentez-vous d’abord");
  });

  it("resumes after a dropped connection, and a member who wrote meanwhile is answered", async () => {
    const { gateway } = harness.fake;
    const resumes = gateway.resumes;
    gateway.drop();
    // Sent while the connection is down: Discord keeps it for the session and replays it on RESUME.
    const replies = await harness.driver.send("bruno", "aide");
    expect(text(replies)).toContain("Présentez-vous d’abord");
    expect(gateway.resumes).toBe(resumes + 1);
    expect(harness.logs.some((l) => l.msg === "Discord gateway session resumed")).toBe(true);
  });

  it("identifies again when Discord no longer knows the session, and still answers", async () => {
    const { gateway } = harness.fake;
    const identifies = gateway.identifies;
    gateway.forgetSessions();
    gateway.drop();
    await gateway.connected();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gateway.identifies).toBe(identifies + 1);
    expect(text(await harness.driver.send("chloe", "aide"))).toContain("Présentez-vous d’abord");
  });
});
