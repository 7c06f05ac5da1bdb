import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRetention } from "../../src/features/privacy/retention-job.ts";
import { action, createTestBot, onboard, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";

let bot: TestBot;
const T = new Date("2026-11-23T09:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(T.getTime() + days * DAY);
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
const db = () => bot.db.prisma;
const run = (days: number) => applyRetention(db(), at(days), ["local"]);
const identities = (user: string) => db().platformIdentity.count({ where: { platform: "local", externalId: user } });

describe("retention", () => {
  it("someone who never finished onboarding is forgotten after 30 days, not before", async () => {
    bot.setNow(T);
    await bot.send("never-finished", "bonjour");
    const id = await memberId(bot, "never-finished");
    await run(29);
    expect(await db().member.count({ where: { id } })).toBe(1);
    await run(31);
    expect(await db().member.count({ where: { id } })).toBe(0);
  });

  it("a network may shorten a period: 5 days for unfinished sign-ups", async () => {
    await db().network.update({ where: { id: bot.networkId }, data: { retentionDays: { unfinishedOnboarding: 5 } } });
    bot.setNow(T);
    await bot.send("short-lived", "bonjour");
    await run(6);
    expect(await identities("short-lived")).toBe(0);
    await db().network.update({ where: { id: bot.networkId }, data: { retentionDays: undefined } });
  });

  it("a member silent for two years is told two weeks before, and anonymised unless they write", async () => {
    bot.setNow(T);
    await onboard(bot, "silent-one", "PARTNER");
    await onboard(bot, "talkative", "PARTNER");
    const silent = await memberId(bot, "silent-one");
    const talkative = await memberId(bot, "talkative");
    await run(715);
    expect(await db().outboundMessage.count({ where: { memberId: silent, category: "privacy" } })).toBe(0);
    await run(717);
    const notices = await db().outboundMessage.findMany({ where: { memberId: silent, category: "privacy" } });
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.payload)).toContain("privacy.silent.notice");
    // The other one answers the same notice: their silence starts again.
    bot.setNow(at(718));
    await bot.send("talkative", "profil");
    await run(731);
    expect(await db().member.findUniqueOrThrow({ where: { id: silent } })).toMatchObject({
      displayName: "Ancien membre",
      status: "LEFT",
    });
    expect(await identities("silent-one")).toBe(0);
    expect((await db().member.findUniqueOrThrow({ where: { id: talkative } })).status).toBe("ACTIVE");
    expect(await identities("talkative")).toBe(1);
    // Every coordinator of the network was silent as long: they stay, or the network would have none.
    expect(await identities("demo-coordinator")).toBe(1);
  });

  it("« arrêter » keeps a member's data for a year, then it is anonymised like the rest", async () => {
    bot.setNow(T);
    await onboard(bot, "stopper", "PARTNER");
    const id = await memberId(bot, "stopper");
    await bot.send("stopper", "arrêter");
    await bot.send("stopper", action("leave:stop"));
    await run(364);
    expect(await identities("stopper")).toBe(1);
    await run(366);
    expect(await identities("stopper")).toBe(0);
    expect((await db().member.findUniqueOrThrow({ where: { id } })).displayName).toBe("Ancien membre");
  });

  it("audit details go after a year, used-up link codes after 30 days, unused invitations after 90", async () => {
    const coordinator = await memberId(bot, "demo-coordinator");
    const old = await db().auditLog.create({
      data: {
        networkId: bot.networkId,
        actorMemberId: coordinator,
        action: "role.refuse",
        outcome: "allowed",
        details: { reason: "Dr Martin" },
        createdAt: at(-400),
      },
    });
    const recent = await db().auditLog.create({
      data: {
        networkId: bot.networkId,
        actorMemberId: coordinator,
        action: "role.refuse",
        outcome: "allowed",
        details: { reason: "récent" },
        createdAt: at(-10),
      },
    });
    const code = await db().linkCode.create({
      data: { networkId: bot.networkId, memberId: coordinator, codeHash: "retention-hash", expiresAt: at(-31) },
    });
    const invitation = await db().invitation.create({
      data: { networkId: bot.networkId, role: "PARTNER", code: "retention-invite", expiresAt: at(-91) },
    });
    await run(0);
    expect((await db().auditLog.findUniqueOrThrow({ where: { id: old.id } })).details).toEqual({});
    expect((await db().auditLog.findUniqueOrThrow({ where: { id: recent.id } })).details).toEqual({ reason: "récent" });
    expect(await db().linkCode.count({ where: { id: code.id } })).toBe(0);
    expect(await db().invitation.count({ where: { id: invitation.id } })).toBe(0);
  });
});
