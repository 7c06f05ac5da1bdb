import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commandText } from "../../src/channels/telegram/map.ts";
import { loadAudienceMember } from "../../src/features/events/data.ts";
import { registerForEvent } from "../../src/features/events/registration.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { purgeExpiredInterns } from "../../src/features/interns/leave/purge.ts";
import { purgeDayOf } from "../../src/features/interns/leave/purge-date.ts";
import { queuePurgeNotices } from "../../src/features/interns/leave/purge-notice.ts";
import { action, choiceIds, createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { insertCohort, insertIntern } from "./cohorts-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
let n = 0;
const NOW = new Date("2026-11-23T09:00:00Z");
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  bot.setNow(NOW);
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

const db = () => bot.db.prisma;
/** A fresh intern reachable on the local chat, optionally in a cohort arriving on `arrivesOn`. */
async function newIntern(arrivesOn?: string): Promise<{ user: string; id: string }> {
  n += 1;
  const cohort = arrivesOn ? await insertCohort(bot, `Cohorte ${n}`, arrivesOn) : null;
  const user = `intern-${n}`;
  return { user, id: await insertIntern(bot, user, `Interne ${n}`, cohort?.id ?? null) };
}
const member = (id: string) => db().member.findUniqueOrThrow({ where: { id } });
const queue = (memberId: string, key: string, status: "PENDING" | "SENT" = "PENDING") =>
  db().outboundMessage.create({
    data: {
      networkId: bot.networkId,
      idempotencyKey: key,
      platform: "local",
      targetKind: "member",
      targetId: "x",
      memberId,
      payload: { kind: "reply", reply: { text: "hi", visibility: "private" } },
      category: "event",
      status,
      notBefore: NOW,
    },
  });

describe("stopping the bot", () => {
  it("asks to confirm with Arrêter / Annuler; Annuler changes nothing", async () => {
    const intern = await newIntern();
    const asked = await bot.send(intern.user, "arrêter");
    expect(choiceIds(asked)).toEqual(["leave.stop", "leave.cancel"]);
    expect(asked[0]!.text).toContain("plus aucun message");
    expect(await bot.text(intern.user, action("leave.cancel"))).toContain("rien ne change");
    expect((await member(intern.id)).status).toBe("ACTIVE");
  });

  it("/stop then Arrêter: the member is LEFT, queued messages are withdrawn, their place goes to the first member waiting", async () => {
    const intern = await newIntern();
    const adviser = await memberId(bot, "demo-adviser");
    const event = await insertEvent(bot, { capacity: 1 });
    await registerForEvent(db(), {
      event,
      member: await loadAudienceMember(db(), intern.id),
      now: NOW,
      platforms: ["local"],
    });
    await registerForEvent(db(), {
      event,
      member: await loadAudienceMember(db(), adviser),
      now: NOW,
      platforms: ["local"],
    });
    await queue(intern.id, `test:${intern.id}:pending`);
    const sent = await queue(intern.id, `test:${intern.id}:sent`, "SENT");

    // Telegram's /stop (or /stop@bot in a group) reaches the core as "/stop".
    expect(commandText("/stop@partner_bot", "partner_bot")).toBe("/stop");
    const asked = await bot.text(intern.user, "/stop");
    expect(asked).toContain("Votre inscription à un événement à venir sera annulée");
    const done = await bot.send(intern.user, action("leave.stop"));
    expect(done[0]!.text).toContain("écrivez « démarrer »");
    expect(choiceIds(done)).toEqual(["leave.back"]);

    const after = await member(intern.id);
    expect(after.status).toBe("LEFT");
    expect(after.leftAt).toEqual(NOW);
    const regs = await db().eventRegistration.findMany({ where: { eventId: event.id } });
    expect(regs.find((r) => r.memberId === intern.id)?.status).toBe("CANCELLED");
    expect(regs.find((r) => r.memberId === adviser)?.status).toBe("REGISTERED");
    const mine = await db().outboundMessage.findMany({ where: { memberId: intern.id } });
    expect(mine.filter((m) => m.status === "PENDING")).toEqual([]);
    expect(mine.find((m) => m.id === sent.id)?.status).toBe("SENT");
    const promoted = await db().outboundMessage.findMany({
      where: { memberId: adviser, idempotencyKey: { startsWith: "event-promoted:" } },
    });
    expect(promoted).toHaveLength(1);
  });

  it("a member who stopped is only told how to come back; « démarrer » brings them back", async () => {
    const intern = await newIntern();
    await bot.send(intern.user, "stop");
    await bot.send(intern.user, action("leave:stop"));
    const hint = await bot.send(intern.user, "événements");
    expect(hint[0]!.text).toContain("Vous avez arrêté le bot");
    expect(choiceIds(hint)).toEqual(["leave.back"]);
    expect(await bot.text(intern.user, action("evt.register:whatever"))).toContain("Vous avez arrêté le bot");
    expect((await member(intern.id)).status).toBe("LEFT");

    expect(await bot.text(intern.user, "démarrer")).toContain("Bon retour parmi nous, Interne");
    const back = await member(intern.id);
    expect(back).toMatchObject({ status: "ACTIVE", leftAt: null });
    expect(await bot.text(intern.user, "aide")).toContain("rester");
  });

  it("the « Revenir » button brings a member back too", async () => {
    const intern = await newIntern();
    await bot.send(intern.user, "quitter");
    await bot.send(intern.user, action("leave:stop"));
    expect(await bot.text(intern.user, action("leave.back"))).toContain("Bon retour");
    expect((await member(intern.id)).status).toBe("ACTIVE");
  });
});

describe("staying in touch", () => {
  it("« rester en contact » and « ne plus rester en contact » toggle it, in both languages and by button", async () => {
    const intern = await newIntern("2026-05-04");
    const on = await bot.send(intern.user, "rester en contact");
    expect(on[0]!.text).toContain("vous restez en contact");
    expect(choiceIds(on)).toEqual(["leave.no-keep"]);
    expect((await member(intern.id)).keepInTouch).toBe(true);

    const off = await bot.text(intern.user, "ne plus rester en contact");
    expect(off).toContain("le 4 février 2027");
    expect((await member(intern.id)).keepInTouch).toBe(false);

    await bot.send(intern.user, action("leave:keep"));
    expect((await member(intern.id)).keepInTouch).toBe(true);
    await bot.send(intern.user, "don't stay in touch");
    expect((await member(intern.id)).keepInTouch).toBe(false);
    await bot.send(intern.user, "stay in touch");
    expect((await member(intern.id)).keepInTouch).toBe(true);
    await bot.send(intern.user, "stop staying in touch");
    expect((await member(intern.id)).keepInTouch).toBe(false);
    expect((await member(intern.id)).status).toBe("ACTIVE");
  });

  it("« contact » shows where the intern stands with the button that changes it", async () => {
    const intern = await newIntern("2026-05-04");
    const shown = await bot.send(intern.user, "contact");
    expect(shown[0]!.text).toContain("supprimées le 4 février 2027");
    expect(choiceIds(shown)).toEqual(["leave.keep"]);
  });
});

describe("the purge notice", () => {
  it("two weeks before the purge day, the intern is told once, with a « Rester en contact » button", async () => {
    const due = await newIntern("2026-03-01"); // purge day 1 December 2026
    const later = await newIntern("2026-05-04"); // purge day 4 February 2027
    const kept = await newIntern("2026-03-01");
    await db().member.update({ where: { id: kept.id }, data: { keepInTouch: true } });

    expect(await queuePurgeNotices(db(), NOW, ["local"])).toBe(1);
    expect(await queuePurgeNotices(db(), NOW, ["local"])).toBe(0);
    const rows = await db().outboundMessage.findMany({
      where: { idempotencyKey: { startsWith: "intern-purge-notice:" } },
    });
    expect(rows.map((r) => r.idempotencyKey)).toEqual([`intern-purge-notice:${due.id}`]);
    expect(rows[0]!.payload).toMatchObject({
      kind: "notice",
      notice: { key: "leave.purgeNotice.text", choices: [{ id: "leave.keep" }] },
    });
    expect(purgeDayOf({ arrivesOn: null, createdAt: NOW, cohort: { arrivesOn: new Date("2026-03-01") } })).toEqual({
      year: 2026,
      month: 12,
      day: 1,
    });
    expect(later.id).not.toBe(due.id);
  });
});

describe("the purge of expired interns", () => {
  const today = { year: 2026, month: 11, day: 23 };
  const indicators = async () =>
    (await computeIndicators(db(), { networkId: bot.networkId, window: { today } })).map((v) => ({
      id: v.id,
      label: v.label,
      value: v.value,
    }));

  it("removes an expired intern's personal data everywhere, keeps anonymous counts, and leaves indicators unchanged", async () => {
    const intern = await newIntern("2026-01-05"); // purge day 5 October 2026: past
    const coordinator = await memberId(bot, "demo-coordinator");
    const tg = await db().platformIdentity.create({
      data: { networkId: bot.networkId, memberId: intern.id, platform: "telegram", externalId: "777" },
    });
    await db().member.update({
      where: { id: intern.id },
      data: { placementSite: "CH Montauban", arrivesOn: new Date("2026-01-05"), mutedCategories: ["broadcast"] },
    });
    await db().conversation.create({
      data: {
        networkId: bot.networkId,
        identityId: tg.id,
        flow: "activity-draft",
        step: "confirm",
        data: { text: "secret" },
      },
    });
    await queue(intern.id, `test:${intern.id}:p`);
    await queue(intern.id, `test:${intern.id}:s`, "SENT");
    await db().localInboxMessage.create({ data: { userId: intern.user, payload: { text: "hello" } } });
    await db().linkCode.create({
      data: { networkId: bot.networkId, memberId: intern.id, codeHash: `h-${intern.id}`, expiresAt: NOW },
    });
    await db().roleRequest.create({
      data: {
        networkId: bot.networkId,
        memberId: intern.id,
        role: "PARTNER",
        status: "REFUSED",
        reason: "Dr Martin, not a partner",
      },
    });
    await db().generatedFile.create({
      data: {
        networkId: bot.networkId,
        memberId: intern.id,
        name: "x.csv",
        mediaType: "text/csv",
        content: Buffer.from("x"),
      },
    });
    const evening = await insertEvent(bot, {
      type: "WELCOME_EVENING",
      title: "Soirée",
      startsAt: new Date("2026-06-10T17:00:00Z"),
      endsAt: new Date("2026-06-10T20:00:00Z"),
    });
    const forum = await insertEvent(bot, {
      type: "HEALTH_FORUM",
      title: "Forum",
      startsAt: new Date("2026-06-12T17:00:00Z"),
      endsAt: new Date("2026-06-12T20:00:00Z"),
    });
    for (const e of [evening, forum]) {
      await db().eventRegistration.create({
        data: {
          networkId: bot.networkId,
          eventId: e.id,
          memberId: intern.id,
          status: "REGISTERED",
          answers: { diet: "sans gluten" },
          checkedInAt: e.startsAt,
        },
      });
    }
    await db().eventFeedback.create({
      data: { networkId: bot.networkId, eventId: evening.id, memberId: intern.id, answers: { overall: "5" } },
    });
    const request = await db().welcomeRequest.create({
      data: {
        networkId: bot.networkId,
        memberId: intern.id,
        site: "CH Montauban",
        question: "Je cherche un logement pour ma famille",
        status: "ANSWERED",
        answer: "Appelez Mme Dupont",
        answeredById: coordinator,
        answeredAt: new Date("2026-02-01T10:00:00Z"),
        createdAt: new Date("2026-02-01T09:00:00Z"),
      },
    });
    await db().auditLog.create({
      data: {
        networkId: bot.networkId,
        actorMemberId: intern.id,
        action: "identity.link",
        outcome: "allowed",
        details: { platform: "telegram" },
      },
    });
    const about = await db().auditLog.create({
      data: {
        networkId: bot.networkId,
        actorMemberId: coordinator,
        action: "role.refuse",
        outcome: "allowed",
        details: { memberId: intern.id, role: "PARTNER", reason: "Dr Martin, not a partner" },
      },
    });
    const kept = await newIntern("2026-01-05");
    await db().member.update({ where: { id: kept.id }, data: { keepInTouch: true } });
    const twoRoles = await newIntern("2026-01-05");
    await db().member.update({ where: { id: twoRoles.id }, data: { roles: ["INTERN", "PARTNER"] } });

    const before = await indicators();
    expect(before.find((v) => v.label.startsWith("Participants aux forums santé"))!.value).toBeGreaterThanOrEqual(1);
    expect(before.find((v) => v.label.startsWith("Soirées d'accueil"))!.value).toBeGreaterThanOrEqual(1);
    const { purged } = await purgeExpiredInterns(db(), NOW);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await indicators()).toEqual(before);

    const row = await member(intern.id);
    expect(row).toMatchObject({
      displayName: "Ancien interne",
      status: "LEFT",
      leftAt: NOW,
      placementSite: null,
      arrivesOn: null,
      mutedCategories: [],
    });
    expect(await db().platformIdentity.count({ where: { memberId: intern.id } })).toBe(0);
    expect(await db().conversation.count({ where: { identityId: tg.id } })).toBe(0);
    expect(await db().outboundMessage.count({ where: { memberId: intern.id } })).toBe(0);
    expect(await db().localInboxMessage.count({ where: { userId: intern.user } })).toBe(0);
    expect(await db().linkCode.count({ where: { memberId: intern.id } })).toBe(0);
    expect(await db().roleRequest.count({ where: { memberId: intern.id } })).toBe(0);
    expect(await db().generatedFile.count({ where: { memberId: intern.id } })).toBe(0);
    const regs = await db().eventRegistration.findMany({ where: { memberId: intern.id } });
    expect(regs.map((r) => [r.status, r.answers, r.checkedInAt !== null])).toEqual([
      ["REGISTERED", {}, true],
      ["REGISTERED", {}, true],
    ]);
    expect(await db().eventFeedback.findFirstOrThrow({ where: { eventId: evening.id } })).toMatchObject({
      memberId: null,
      answers: { overall: "5" },
    });
    expect(await db().welcomeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      memberId: null,
      question: null,
      answer: null,
      status: "ANSWERED",
    });
    const own = await db().auditLog.findMany({ where: { actorMemberId: intern.id } });
    expect(own.map((a) => a.details)).toEqual([{}]);
    expect((await db().auditLog.findUniqueOrThrow({ where: { id: about.id } })).details).toEqual({
      memberId: intern.id,
      role: "PARTNER",
    });

    // Whoever writes from the old account now is a newcomer: nothing links them to the purged row.
    expect(await db().platformIdentity.count({ where: { platform: "local", externalId: intern.user } })).toBe(0);
    expect((await member(kept.id)).displayName).toBe(`Interne ${Number(kept.user.split("-")[1])}`);
    expect(await db().platformIdentity.count({ where: { memberId: kept.id } })).toBe(1);
    expect((await member(twoRoles.id)).status).toBe("ACTIVE");
    expect(await db().platformIdentity.count({ where: { memberId: twoRoles.id } })).toBe(1);

    expect(await purgeExpiredInterns(db(), NOW)).toEqual({ purged: 0 });
  });

  it("an intern who stopped the bot is purged too; one whose purge day has not come is not", async () => {
    const stopped = await newIntern("2026-01-05");
    await bot.send(stopped.user, "stop");
    await bot.send(stopped.user, action("leave:stop"));
    const current = await newIntern("2026-11-02");
    await purgeExpiredInterns(db(), NOW);
    expect(await member(stopped.id)).toMatchObject({ displayName: "Ancien interne", status: "LEFT", leftAt: NOW });
    expect(await db().platformIdentity.count({ where: { memberId: stopped.id } })).toBe(0);
    expect((await member(current.id)).status).toBe("ACTIVE");
  });
});
