import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadAudienceMember } from "../../src/features/events/data.ts";
import { cancelRegistration, registerForEvent } from "../../src/features/events/registration.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { insertEvent, territoryId } from "./events-support.ts";

let bot: TestBot;
const ids: Record<string, string> = {};
beforeAll(async () => {
  bot = await createTestBot();
  for (const key of ["demo-adviser", "demo-partner", "demo-intern", "demo-cls", "demo-health", "demo-coordinator"])
    ids[key] = await memberId(bot, key);
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

const now = () => bot.now();
const register = async (event: Awaited<ReturnType<typeof insertEvent>>, who: string) =>
  registerForEvent(bot.db.prisma, { event, member: await loadAudienceMember(bot.db.prisma, ids[who]!), now: now() });
const statusOf = async (eventId: string, who: string) =>
  (await bot.db.prisma.eventRegistration.findUnique({ where: { eventId_memberId: { eventId, memberId: ids[who]! } } }))
    ?.status;

describe("registering for an event", () => {
  it("two members pressing register for the last place at once: one gets it, the other is first on the waiting list", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    const [adviser, partner] = await Promise.all([
      loadAudienceMember(bot.db.prisma, ids["demo-adviser"]!),
      loadAudienceMember(bot.db.prisma, ids["demo-partner"]!),
    ]);
    // Both transactions start together: on PostgreSQL each has its own pooled connection.
    const [a, b] = await Promise.all(
      [adviser, partner].map((member) => registerForEvent(bot.db.prisma, { event, member, now: now() })),
    );
    const outcomes = [a!, b!].map((o) => o.status).sort();
    expect(outcomes).toEqual(["REGISTERED", "WAITLISTED"]);
    const waiting = [a!, b!].find((o) => o.status === "WAITLISTED");
    expect(waiting).toMatchObject({ position: 1 });
    const rows = await bot.db.prisma.eventRegistration.findMany({ where: { eventId: event.id } });
    expect(rows.map((r) => r.status).sort()).toEqual(["REGISTERED", "WAITLISTED"]);
  });

  it("many members at once never fill more places than the capacity, and the waiting list is numbered 1, 2, 3", async () => {
    const event = await insertEvent(bot, { capacity: 2 });
    const who = ["demo-adviser", "demo-partner", "demo-intern", "demo-cls", "demo-health"];
    const outcomes = await Promise.all(who.map((w) => register(event, w)));
    expect(outcomes.filter((o) => o.status === "REGISTERED")).toHaveLength(2);
    expect(outcomes.flatMap((o) => (o.status === "WAITLISTED" ? [o.position] : [])).sort()).toEqual([1, 2, 3]);
  });

  it("a cancellation gives the place to the first member waiting, who is told", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await register(event, "demo-adviser");
    await register(event, "demo-partner");
    await register(event, "demo-intern");
    const out = await cancelRegistration(bot.db.prisma, {
      event,
      memberId: ids["demo-adviser"]!,
      now: now(),
      platforms: ["local"],
    });
    expect(out).toEqual({ was: "REGISTERED", promotedMemberId: ids["demo-partner"] });
    expect(await statusOf(event.id, "demo-partner")).toBe("REGISTERED");
    expect(await statusOf(event.id, "demo-intern")).toBe("WAITLISTED");
    const queued = await bot.db.prisma.outboundMessage.findMany({
      where: { NOT: { idempotencyKey: { startsWith: "event-reminder:" } } },
    });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ memberId: ids["demo-partner"], targetId: "demo-partner" });
    expect(queued[0]!.idempotencyKey).toMatch(/^event-promoted:/);
    expect(queued[0]!.payload).toMatchObject({ kind: "notice", notice: { key: "events.notify.promoted" } });
    expect(await bot.text("demo-intern", "mes inscriptions")).toContain("Waiting list (1st)");
  });

  it("leaving the waiting list promotes nobody", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await register(event, "demo-adviser");
    await register(event, "demo-partner");
    const out = await cancelRegistration(bot.db.prisma, {
      event,
      memberId: ids["demo-partner"]!,
      now: now(),
      platforms: ["local"],
    });
    expect(out).toEqual({ was: "WAITLISTED", promotedMemberId: null });
    expect(
      await bot.db.prisma.outboundMessage.count({
        where: { NOT: { idempotencyKey: { startsWith: "event-reminder:" } } },
      }),
    ).toBe(0);
  });

  it("registering again after cancelling reuses the same registration", async () => {
    const event = await insertEvent(bot);
    const first = await register(event, "demo-adviser");
    await cancelRegistration(bot.db.prisma, {
      event,
      memberId: ids["demo-adviser"]!,
      now: now(),
      platforms: ["local"],
    });
    const again = await register(event, "demo-adviser");
    expect(again.registrationId).toBe(first.registrationId);
    expect(await statusOf(event.id, "demo-adviser")).toBe("REGISTERED");
  });
});

describe("refusals a member reads", () => {
  const press = (who: string, eventId: string) => bot.text(who, action(`evt.register:${eventId}`));

  it("after the registration deadline", async () => {
    const event = await insertEvent(bot, { registrationClosesAt: new Date("2026-11-20T23:00:00Z") });
    expect(await press("demo-adviser", event.id)).toBe(
      "Les inscriptions à « Séminaire des conseillers numériques » sont closes. Si vous devez vraiment venir, écrivez à l’organisateur.",
    );
  });

  it("once the event has started", async () => {
    const event = await insertEvent(bot, {
      startsAt: new Date("2026-11-23T08:00:00Z"),
      endsAt: new Date("2026-11-23T12:00:00Z"),
    });
    expect(await press("demo-adviser", event.id)).toContain("a déjà commencé : les inscriptions sont fermées");
  });

  it("twice, and on the waiting list with the position", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await press("demo-adviser", event.id);
    expect(await press("demo-adviser", event.id)).toContain(
      "Vous êtes déjà inscrit·e à « Séminaire des conseillers numériques ». Pour libérer votre place, tapez « mes inscriptions ».",
    );
    expect(await press("demo-partner", event.id)).toContain("vous êtes 1re sur la liste d’attente");
    expect(await press("demo-cls", event.id)).toContain("vous êtes 2e sur la liste d’attente");
    expect(await press("demo-cls", event.id)).toContain(
      "Vous êtes déjà sur la liste d’attente de « Séminaire des conseillers numériques » (2e)",
    );
    expect(await press("demo-intern", event.id)).toContain("you are 3rd on the waiting list");
  });

  it("for a cancelled event", async () => {
    const event = await insertEvent(bot, { status: "CANCELLED" });
    expect(await press("demo-adviser", event.id)).toContain("a été annulé : il n’est plus possible de s’y inscrire");
  });

  it("for a full event without a waiting list", async () => {
    const event = await insertEvent(bot, { capacity: 1, waitlist: false });
    await press("demo-adviser", event.id);
    expect(await press("demo-partner", event.id)).toContain("est complet et n’a pas de liste d’attente");
  });

  it("cancelling a registration one does not hold", async () => {
    const event = await insertEvent(bot);
    expect(await bot.text("demo-adviser", action(`evt.unregister:${event.id}`))).toContain(
      "Vous n’êtes pas inscrit·e à « Séminaire des conseillers numériques » : rien à annuler.",
    );
  });
});

describe("who may register", () => {
  it("an event for a role refuses the other roles", async () => {
    const event = await insertEvent(bot, { audienceRoles: ["INTERN"], title: "Soirée d'accueil" });
    expect(await bot.text("demo-adviser", action(`evt.register:${event.id}`))).toContain(
      "Cet événement est réservé à un autre public",
    );
    expect(await bot.text("demo-intern", action(`evt.register:${event.id}`))).toContain(
      "you are registered for “Soirée d'accueil”",
    );
  });

  it("an event for an intercommunality admits members placed in its communes or working for an organisation there", async () => {
    const event = await insertEvent(bot, { audienceTerritoryIds: [await territoryId(bot, "CA Grand Montauban")] });
    // The intern is placed in Montauban, a commune of the Grand Montauban.
    expect(await bot.text("demo-intern", action(`evt.register:${event.id}`))).toContain("you are registered");
    expect(await bot.text("demo-adviser", action(`evt.register:${event.id}`))).toContain("réservé à un autre public");
    expect(await bot.text("demo-adviser", "événements")).toContain("Aucun événement à venir");
    await bot.db.prisma.member.update({
      where: { id: ids["demo-adviser"]! },
      data: {
        territoryId: null,
        organisationId: (
          await bot.db.prisma.organisation.findFirstOrThrow({ where: { name: "Centre hospitalier de Montauban" } })
        ).id,
      },
    });
    try {
      expect(await bot.text("demo-adviser", action(`evt.register:${event.id}`))).toContain("vous êtes inscrit·e");
    } finally {
      const dep = await territoryId(bot, "Tarn-et-Garonne");
      const fs = await bot.db.prisma.organisation.findFirstOrThrow({
        where: { name: { startsWith: "France Services itinérante" } },
      });
      await bot.db.prisma.member.update({
        where: { id: ids["demo-adviser"]! },
        data: { territoryId: dep, organisationId: fs.id },
      });
    }
  });
});
