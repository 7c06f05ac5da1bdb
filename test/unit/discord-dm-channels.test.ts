import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordDelivery } from "../../src/channels/discord/deliver.ts";
import { createDeliveryRest } from "../../src/channels/discord/delivery-rest.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createDirectChannelStore } from "../../src/db/direct-channels.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import { silentLog } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

const notice = (text: string): Reply => ({ text, visibility: "private" });

let db: TestDatabase;
let harness: DiscordHarness;
beforeAll(async () => {
  db = await createTestDatabase();
  harness = await startDiscordHarness(async () => [], {
    adapter: { directChannels: createDirectChannelStore(db.prisma) },
  });
});
afterAll(async () => {
  await harness?.close();
  await db?.destroy();
});

/** Polls an asynchronous condition (the channel is written after the interaction is received), bounded. */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > end) throw new Error("condition not reached");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A member of a new network with one Discord account. */
async function discordMember(name: string): Promise<string> {
  const network = await db.prisma.network.create({ data: { slug: `reseau-${name}`, name: `Réseau ${name}` } });
  const member = await db.prisma.member.create({
    data: { networkId: network.id, displayName: name, status: "ACTIVE" },
  });
  const userId = snowflake();
  await db.prisma.platformIdentity.create({
    data: { networkId: network.id, memberId: member.id, platform: "discord", externalId: userId },
  });
  return userId;
}

describe("Discord DM channels kept across restarts", () => {
  it("after a restart, a member's next message goes straight to the DM opened before: one request", async () => {
    const alice = await discordMember("alice");
    expect(await harness.adapter.deliver({ to: "member", id: alice }, notice("Premier"))).toMatchObject({
      kind: "sent",
    });
    const dm = harness.fake.rest.channels.dmOf(alice)!;
    expect(
      await db.prisma.platformIdentity.findUniqueOrThrow({
        where: { platform_externalId: { platform: "discord", externalId: alice } },
      }),
    ).toMatchObject({ dmChannelId: dm.id });

    // A process started later remembers nothing in memory: the database tells it the channel.
    const restarted = createDiscordDelivery({
      rest: createDeliveryRest(
        { token: harness.fake.token, applicationId: harness.fake.applicationId, apiUrl: harness.fake.apiUrl },
        { timeoutMs: 10_000, rateLimitOffsetMs: 50 },
      ),
      log: silentLog,
      retryAfterMs: 1_000,
      maxHoldWaitMs: 1_000,
      directChannels: createDirectChannelStore(db.prisma),
    });
    const requests = harness.fake.rest.calls.length;
    expect(await restarted.deliver({ to: "member", id: alice }, notice("Second"))).toMatchObject({ kind: "sent" });
    expect(harness.fake.rest.calls.slice(requests).map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /channels/${dm.id}/messages`,
    ]);
    expect(harness.fake.rest.channels.dmOpenings.get(alice)).toBe(1);
    expect((harness.fake.rest.channels.messages.get(dm.id) ?? []).map((m) => m.content)).toEqual(["Premier", "Second"]);
  });

  it("a member who wrote to the bot in its DM: the channel is kept, and their deliveries go there without opening one", async () => {
    const carla = harness.driver.externalId("carla");
    const network = await db.prisma.network.create({ data: { slug: "reseau-carla", name: "Réseau carla" } });
    const member = await db.prisma.member.create({
      data: { networkId: network.id, displayName: "Carla", status: "ACTIVE" },
    });
    await db.prisma.platformIdentity.create({
      data: { networkId: network.id, memberId: member.id, platform: "discord", externalId: carla },
    });
    await harness.driver.send("carla", "aide", "private");
    const written = [...harness.fake.rest.interactions.values()].at(-1)!;
    const identity = () =>
      db.prisma.platformIdentity.findUniqueOrThrow({
        where: { platform_externalId: { platform: "discord", externalId: carla } },
      });
    await until(async () => (await identity()).dmChannelId !== null);
    expect((await identity()).dmChannelId).toBe(written.channelId);

    const requests = harness.fake.rest.calls.length;
    await harness.adapter.deliver({ to: "member", id: carla }, notice("Rappel"));
    expect(harness.fake.rest.calls.slice(requests).map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /channels/${written.channelId}/messages`,
    ]);
    expect(harness.fake.rest.channels.dmOpenings.get(carla)).toBeUndefined();
  });

  it("an account the bot does not know yet still gets its message", async () => {
    const stranger = snowflake();
    expect(await harness.adapter.deliver({ to: "member", id: stranger }, notice("Bienvenue"))).toMatchObject({
      kind: "sent",
    });
    expect(harness.fake.rest.channels.dmOpenings.get(stranger)).toBe(1);
  });
});
