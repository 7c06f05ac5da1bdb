import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { action, choiceIds, createTestBot, onboard, type TestBot } from "../support/bot.ts";
import { insertReport, memberId } from "./activity-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
const NOW = new Date("2026-11-23T09:00:00Z");
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
const db = () => bot.db.prisma;
const today = { year: 2026, month: 11, day: 23 };
const indicators = async () =>
  (await computeIndicators(db(), { networkId: bot.networkId, window: { today } })).map((v) => ({
    id: v.id,
    value: v.value,
  }));

describe("deleting one's account", () => {
  it("« supprimer mon compte » asks to confirm; Annuler keeps everything", async () => {
    const asked = await bot.send("demo-partner", "supprimer mon compte");
    expect(choiceIds(asked)).toEqual(["privacy.delete", "privacy.cancel"]);
    expect(asked[0]!.text).toContain("reste, sans votre nom");
    expect(await bot.text("demo-partner", action("privacy.cancel"))).toContain("rien ne change");
    expect(await db().platformIdentity.count({ where: { platform: "local", externalId: "demo-partner" } })).toBe(1);
  });

  it("once confirmed, identities, profile, conversations, drafts and pending messages are gone, and the indicators count the same", async () => {
    await onboard(bot, "leaving-adviser", "DIGITAL_ADVISER");
    const id = await memberId(bot, "leaving-adviser");
    const identity = await db().platformIdentity.findFirstOrThrow({ where: { memberId: id } });
    await db().platformIdentity.create({
      data: { networkId: bot.networkId, memberId: id, platform: "telegram", externalId: "4242" },
    });
    await insertReport(bot, id, { date: new Date("2026-11-20"), notes: "Mme Durand, 82 ans" });
    const forum = await insertEvent(bot, {
      type: "HEALTH_FORUM",
      title: "Forum",
      startsAt: new Date("2026-06-12T17:00:00Z"),
      endsAt: new Date("2026-06-12T20:00:00Z"),
    });
    await db().eventRegistration.create({
      data: {
        networkId: bot.networkId,
        eventId: forum.id,
        memberId: id,
        status: "REGISTERED",
        answers: { diet: "sans gluten" },
        checkedInAt: forum.startsAt,
      },
    });
    await db().outboundMessage.create({
      data: {
        networkId: bot.networkId,
        idempotencyKey: `t:${id}`,
        platform: "local",
        targetKind: "member",
        targetId: "leaving-adviser",
        memberId: id,
        payload: {},
        category: "reminder",
        notBefore: NOW,
      },
    });
    await db().conversation.create({
      data: {
        networkId: bot.networkId,
        identityId: identity.id,
        flow: "activity-draft",
        step: "confirm",
        data: { text: "atelier" },
      },
    });
    const before = await indicators();

    await bot.send("leaving-adviser", "supprimer mon compte");
    expect(await bot.text("leaving-adviser", action("privacy.delete"))).toContain("Votre compte est supprimé");

    const row = await db().member.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ displayName: "Ancien membre", status: "LEFT" });
    expect(await db().platformIdentity.count({ where: { memberId: id } })).toBe(0);
    expect(await db().conversation.count({ where: { identityId: identity.id } })).toBe(0);
    expect(await db().outboundMessage.count({ where: { memberId: id } })).toBe(0);
    const regs = await db().eventRegistration.findMany({ where: { memberId: id } });
    expect(regs.map((r) => [r.answers, r.checkedInAt !== null])).toEqual([[{}, true]]);
    const reports = await db().activityReport.findMany({ where: { memberId: id } });
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(reports.every((r) => r.notes === null)).toBe(true);
    expect(await indicators()).toEqual(before);
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorMemberId: id, action: "member.deleted" } });
    expect(JSON.stringify(audit.details)).not.toContain("leaving-adviser");
    // Writing again from the same account starts over as a newcomer.
    await bot.send("leaving-adviser", "bonjour");
    expect(
      (await db().platformIdentity.findFirstOrThrow({ where: { platform: "local", externalId: "leaving-adviser" } }))
        .memberId,
    ).not.toBe(id);
  });

  it("the network's last coordinator cannot delete their account until there is another coordinator", async () => {
    const others = await db().member.findMany({
      where: { networkId: bot.networkId, roles: { has: "NETWORK_COORDINATOR" }, status: "ACTIVE" },
    });
    const coordinator = await memberId(bot, "demo-coordinator");
    const demoted = others.filter((m) => m.id !== coordinator);
    await db().member.updateMany({ where: { id: { in: demoted.map((m) => m.id) } }, data: { status: "LEFT" } });
    const refused = await bot.send("demo-coordinator", "supprimer mon compte");
    expect(refused[0]!.text).toContain("dernier coordinateur");
    expect(choiceIds(refused)).toEqual([]);
    expect(await bot.text("demo-coordinator", action("privacy:delete"))).toContain("dernier coordinateur");
    expect((await db().member.findUniqueOrThrow({ where: { id: coordinator } })).status).toBe("ACTIVE");
    await db().member.updateMany({ where: { id: { in: demoted.map((m) => m.id) } }, data: { status: "ACTIVE" } });
  });

  it("a member who stopped the bot can still ask for their data and delete their account", async () => {
    await onboard(bot, "stopped-partner", "PARTNER");
    await bot.send("stopped-partner", "arrêter");
    await bot.send("stopped-partner", action("leave:stop"));
    expect((await bot.send("stopped-partner", "données")).flatMap((r) => r.files ?? [])).toHaveLength(1);
    await bot.send("stopped-partner", "supprimer mon compte");
    expect(await bot.text("stopped-partner", action("privacy:delete"))).toContain("Votre compte est supprimé");
  });

  it("someone who never finished onboarding is deleted entirely", async () => {
    await bot.send("half-way", "démarrer");
    const id = await memberId(bot, "half-way");
    await bot.send("half-way", "supprimer mon compte");
    await bot.send("half-way", action("privacy:delete"));
    expect(await db().member.count({ where: { id } })).toBe(0);
  });
});
