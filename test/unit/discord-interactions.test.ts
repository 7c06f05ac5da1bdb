import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import { componentInteraction } from "../fakes/discord/payloads.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");

describe("Discord interactions answered by the bot", () => {
  let bot: TestBot;
  let fast: DiscordHarness;
  /** A bot slower than the time Discord gives (the fake's deadline is shortened to 300 ms to match). */
  let slow: DiscordHarness;

  async function linkCoordinator(harness: DiscordHarness) {
    const db = bot.db.prisma;
    await db.channelBinding.create({
      data: { networkId: bot.networkId, platform: "discord", scopeId: harness.fake.guildId },
    });
    const member = await db.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: "demo-coordinator" } } },
    });
    await db.platformIdentity.create({
      data: {
        networkId: bot.networkId,
        memberId: member.id,
        platform: "discord",
        externalId: harness.driver.externalId("coordinator"),
      },
    });
  }

  beforeAll(async () => {
    bot = await createTestBot();
    fast = await startDiscordHarness(bot.dispatch);
    slow = await startDiscordHarness(async (command) => (await sleep(400), bot.dispatch(command)), {
      fake: { ackDeadlineMs: 300 },
      adapter: { ackAfterMs: 100 },
    });
    await linkCoordinator(fast);
    await linkCoordinator(slow);
  });
  afterAll(async () => {
    await fast?.close();
    await slow?.close();
    await bot?.close();
  });

  it("a forged or stale button gets the core's sentence, not an error", async () => {
    const { fake } = fast;
    const user = {
      id: fast.driver.externalId("coordinator"),
      username: "coordinator",
      globalName: "Coordinator",
      locale: "fr",
    };
    const message = {
      id: snowflake(),
      type: 20,
      channel_id: fake.channelId,
      content: "…",
      components: [],
      flags: 64,
      author: { id: fake.applicationId, username: "bot", discriminator: "0", avatar: null, bot: true },
      attachments: [],
      embeds: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
    for (const customId of ["zz:forged:1", "discord.form:expired-after-a-restart"]) {
      const payload = componentInteraction(
        fake.applicationId,
        user,
        { guildId: fake.guildId, channelId: fake.channelId },
        message,
        { customId, type: 2 },
      );
      const done = fast.handled(String(payload.id));
      const record = fake.interact(payload);
      await done;
      expect(record.original?.content).toContain("Ce bouton n’est plus valable");
    }
    expect(fast.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("a fast answer is the interaction's response itself; a slow one is deferred first, and none misses the deadline", async () => {
    const fastAnswer = await fast.driver.send("coordinator", "aide");
    expect(text(fastAnswer)).toContain("membres");
    expect([...fast.fake.rest.interactions.values()].at(-1)!.ack?.type).toBe(4);

    const people = Array.from({ length: 10 }, (_, i) => `member-${i}`);
    const answers = await Promise.all(people.map((p) => slow.driver.send(p, "aide")));
    for (const answer of answers) expect(text(answer)).toContain("Présentez-vous d’abord");
    const records = [...slow.fake.rest.interactions.values()].filter((r) => r.type === 2);
    expect(records.map((r) => r.ack?.type)).toEqual(records.map(() => 5));
    expect(records.flatMap((r) => r.refused)).toEqual([]);
  });

  it("`/profil texte:modifier` opens the profile form as a modal", async () => {
    const opened = await fast.driver.send("coordinator", "profil modifier");
    expect(opened).toEqual([expect.objectContaining({ form: expect.objectContaining({ title: "Mon profil" }) })]);
    const saved = await fast.driver.submitForm("coordinator", { Territoire: "CC des Deux Rives" });
    expect(text(saved)).toContain("Votre profil est enregistré.");
    expect(text(saved)).toContain("Territoire : CC des Deux Rives");
  });

  it("when the bot is too slow to open a form in time, a button opens it, and the form is saved", async () => {
    await slow.driver.send("coordinator", "profil");
    const late = await slow.driver.press("coordinator", "Modifier mon profil");
    expect(late.flatMap((r) => r.choices)).toEqual(["Mon profil"]);
    expect(late.every((r) => r.private)).toBe(true);
    const opened = await slow.driver.press("coordinator", "Mon profil");
    expect(opened[0]?.form?.fields).toContain("Nom affiché");
    const saved = await slow.driver.submitForm("coordinator", { "Nom affiché": "Sophie Delmas-Roux" });
    expect(text(saved)).toContain("Votre profil est enregistré.");
    expect([...slow.fake.rest.interactions.values()].flatMap((r) => r.refused)).toEqual([]);
  });
});
