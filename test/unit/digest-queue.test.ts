import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botJobs } from "../../src/bot.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { addMember, joinedLongAgo, localDelivery, queued, tick } from "./digest-support.ts";

let bot: TestBot;
let ids: Record<string, string>;
let otherNetwork: string;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
  await joinedLongAgo(bot);
  ids = {
    sophie: await memberId(bot, "demo-coordinator"),
    emma: await addMember(bot, "coord-en", "Emma Wilson", { roles: ["NETWORK_COORDINATOR"], locale: "en" }),
    pending: await addMember(bot, "coord-pending", "Nouveau Coordinateur", {
      roles: ["NETWORK_COORDINATOR"],
      status: "ONBOARDING",
    }),
  };
  const tarn = await bot.db.prisma.network.create({ data: { slug: "tarn", name: "Réseau Tarn Santé" } });
  otherNetwork = tarn.id;
  const claire = await bot.db.prisma.member.create({
    data: {
      networkId: tarn.id,
      displayName: "Claire Maury",
      roles: ["NETWORK_COORDINATOR"],
      status: "ACTIVE",
      createdAt: new Date("2026-01-05T09:00:00Z"),
      identities: { create: { networkId: tarn.id, platform: "local", externalId: "coord-81" } },
    },
  });
  ids.claire = claire.id;
});
afterAll(() => bot.close());

const digestRows = (monday: string) => queued(bot, `digest:${monday}:`);
const row = (monday: string, who: string, to: string, notBefore: string, status = "PENDING") =>
  `digest:${monday}:${ids[who]} ${to} digest ${notBefore} ${status}`;

describe("the weekly digest is queued once per coordinator from Monday 09:00 Paris", () => {
  it("the first Monday queues one digest for each active coordinator of every network", async () => {
    expect((await tick(bot, "2026-11-16T08:00:00Z")).digests).toBe(3);
    expect(await digestRows("2026-11-16")).toEqual(
      [
        row("2026-11-16", "claire", "coord-81", "2026-11-16T08:00:00.000Z"),
        row("2026-11-16", "emma", "coord-en", "2026-11-16T08:00:00.000Z"),
        row("2026-11-16", "sophie", "demo-coordinator", "2026-11-16T08:00:00.000Z"),
      ].sort(),
    );
    const payloads = await bot.db.prisma.outboundMessage.findMany({
      where: { idempotencyKey: { startsWith: "digest:" } },
      select: { memberId: true, payload: true },
    });
    expect(payloads.find((p) => p.memberId === ids.claire)!.payload).toEqual({
      kind: "live",
      view: "weekly-digest",
      id: `${otherNetwork}:2026-11-16`,
    });
    expect(payloads.find((p) => p.memberId === ids.sophie)!.payload).toEqual({
      kind: "live",
      view: "weekly-digest",
      id: `${bot.networkId}:2026-11-16`,
    });
  });

  it("Sunday 23:00 and Monday 08:59 queue nothing: next week's digest waits for Monday 09:00", async () => {
    expect((await tick(bot, "2026-11-22T22:00:00Z")).digests).toBe(0);
    expect((await tick(bot, "2026-11-23T07:59:00Z")).digests).toBe(0);
    expect(await digestRows("2026-11-23")).toEqual([]);
  });

  it("Monday 09:00 run twice, and by two processes at once, queues exactly one digest per coordinator", async () => {
    const runs = await Promise.all([tick(bot, "2026-11-23T08:00:00Z"), tick(bot, "2026-11-23T08:00:00Z")]);
    expect(runs[0]!.digests + runs[1]!.digests).toBe(3);
    expect((await tick(bot, "2026-11-23T08:15:00Z")).digests).toBe(0);
    expect(await digestRows("2026-11-23")).toHaveLength(3);
    expect((await digestRows("2026-11-23")).filter((r) => r.includes(ids.sophie!))).toEqual([
      row("2026-11-23", "sophie", "demo-coordinator", "2026-11-23T08:00:00.000Z"),
    ]);
  });

  it("a bot that was down on Monday sends the digest at Tuesday's first tick, after the coordinator's quiet hours, once", async () => {
    // Tuesday 1 December, 03:00 Paris: quiet hours (20:00–08:00) hold it until 08:00.
    const runs = await Promise.all([tick(bot, "2026-12-01T02:00:00Z"), tick(bot, "2026-12-01T02:00:00Z")]);
    expect(runs[0]!.digests + runs[1]!.digests).toBe(3);
    expect((await tick(bot, "2026-12-01T09:00:00Z")).digests).toBe(0);
    expect((await digestRows("2026-11-30")).filter((r) => r.includes(ids.emma!))).toEqual([
      row("2026-11-30", "emma", "coord-en", "2026-12-01T07:00:00.000Z"),
    ]);
  });

  it("a digest never reached its coordinator before the next one is due is dropped, not sent a week late", async () => {
    const delivery = localDelivery(bot);
    // Everything due is delivered on the Monday of 7 December at 09:00: the 30 November digest is stale by then.
    const sent = await delivery.at("2026-12-07T08:00:00Z");
    expect(sent.filter((s) => s.to === "demo-coordinator")).toEqual([]);
    expect((await digestRows("2026-11-30")).filter((r) => r.includes(ids.sophie!))).toEqual([
      row("2026-11-30", "sophie", "demo-coordinator", "2026-12-01T07:00:00.000Z", "CANCELLED"),
    ]);
  });

  it("the scheduler runs the job every 15 minutes and nothing is queued for past weeks", async () => {
    const job = botJobs(bot.db.prisma, { platforms: ["local"] }).find((j) => j.name === "weekly-digest")!;
    expect(job.schedule).toBe("*/15 * * * *");
    expect(await job.run(new Date("2026-12-07T08:15:00Z"))).toMatchObject({ digests: 3 });
    const keys = (
      await bot.db.prisma.outboundMessage.findMany({
        where: { idempotencyKey: { startsWith: "digest:" } },
        select: { idempotencyKey: true },
      })
    ).map((r) => r.idempotencyKey.slice(0, 17));
    expect([...new Set(keys)].sort()).toEqual([
      "digest:2026-11-16",
      "digest:2026-11-23",
      "digest:2026-11-30",
      "digest:2026-12-07",
    ]);
    expect(await bot.db.prisma.outboundMessage.count({ where: { idempotencyKey: { startsWith: "digest:" } } })).toBe(
      12,
    );
  });
});
