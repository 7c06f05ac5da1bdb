import ICAL from "ical.js";
import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf, memberId } from "./activity-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
const ids: Record<string, string> = {};
beforeAll(async () => {
  bot = await createTestBot();
  for (const key of ["demo-adviser", "demo-partner", "demo-intern"]) ids[key] = await memberId(bot, key);
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

/** The edit form of the event as the organiser gets it, with `changes` typed over its values. */
async function submitEdit(eventId: string, changes: Record<string, string | string[]>) {
  const f = formOf(await bot.send("demo-coordinator", action(`evt.edit:${eventId}`)));
  const values = Object.fromEntries(f.fields.map((field) => [field.name, field.value ?? ""]));
  return bot.send("demo-coordinator", form(f.id, { ...values, ...changes }));
}

const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
const pending = (prefix: string) =>
  bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix }, status: "PENDING" },
    orderBy: { idempotencyKey: "asc" },
  });

describe("editing an event", () => {
  it("`événement <n°> modifier` and the Modifier button open the creation form filled in with the event", async () => {
    const event = await insertEvent(bot, { capacity: 30, registrationClosesAt: new Date("2026-12-08T23:00:00Z") });
    const typed = formOf(await bot.send("demo-coordinator", `événement ${event.id.slice(0, 8)} modifier`));
    expect(typed.id).toBe(`evtedit:${event.id}`);
    expect(typed.byName.title!.value).toBe("Séminaire des conseillers numériques");
    expect(typed.byName.date!.value).toBe("10/12/2026");
    expect(typed.byName.start!.value).toBe("14:00");
    expect(typed.byName.end!.value).toBe("17:00");
    expect(typed.byName.capacity!.value).toBe("30");
    expect(typed.byName.closes!.value).toBe("08/12/2026");
    expect(typed.byName.repeat).toBeUndefined();
    const view = await bot.send("demo-coordinator", `événement ${event.id.slice(0, 8)} inscrits`);
    expect(choiceByLabel(view, "Modifier")).toBe(`evt.edit:${event.id}`);
    // Saving unchanged values keeps the date and tells nobody.
    const saved = text(await submitEdit(event.id, {}));
    expect(saved).toContain("« Séminaire des conseillers numériques » est modifié");
    const row = await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({
      startsAt: event.startsAt,
      registrationClosesAt: event.registrationClosesAt,
      capacity: 30,
      sequence: 1,
    });
    expect(await pending("event-changed:")).toHaveLength(0);
  });

  it("a member cannot edit an event: the button answers nothing useful", async () => {
    const event = await insertEvent(bot);
    expect(text(await bot.send("demo-adviser", action(`evt.edit:${event.id}`)))).not.toContain("Modifier l’événement");
  });

  it("is refused like a creation: an end before the start", async () => {
    const event = await insertEvent(bot);
    const replies = await submitEdit(event.id, { end: "13h" });
    expect(text(replies)).toContain("L’heure de fin est avant l’heure de début");
    expect(formOf(replies).id).toBe(`evtedit:${event.id}`);
    expect((await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).sequence).toBe(0);
  });

  it("refuses a capacity below the members already registered, saying how many and what to do", async () => {
    const event = await insertEvent(bot, { capacity: 5 });
    for (const who of ["demo-adviser", "demo-partner", "demo-intern"])
      await bot.send(who, action(`evt.register:${event.id}`));
    const replies = await submitEdit(event.id, { capacity: "2" });
    const said = text(replies);
    expect(said).toContain("3 personnes sont déjà inscrites");
    expect(said).toContain("Gardez au moins 3 places");
    expect(said).toContain(`événement ${event.id.slice(0, 8)} inscrits`);
    expect((await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).capacity).toBe(5);
    // Exactly the number registered is fine.
    expect(text(await submitEdit(event.id, { capacity: "3" }))).toContain("est modifié");
  });

  it("a larger capacity gives places to the members waiting, in order, each told with the calendar button", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    for (const who of ["demo-adviser", "demo-partner", "demo-intern"])
      await bot.send(who, action(`evt.register:${event.id}`));
    await bot.db.prisma.outboundMessage.deleteMany({});
    expect(text(await submitEdit(event.id, { capacity: "2" }))).toContain(
      "1 personne de la liste d’attente a reçu une place",
    );
    const status = async (who: string) =>
      (
        await bot.db.prisma.eventRegistration.findUniqueOrThrow({
          where: { eventId_memberId: { eventId: event.id, memberId: ids[who]! } },
        })
      ).status;
    expect(await status("demo-partner")).toBe("REGISTERED");
    expect(await status("demo-intern")).toBe("WAITLISTED");
    const [promoted] = await pending("event-promoted:");
    expect(promoted).toMatchObject({ memberId: ids["demo-partner"] });
    expect(promoted!.payload).toMatchObject({
      notice: {
        key: "events.notify.promoted",
        choices: [{ id: `evt.calendar:${event.id}` }, { id: `evt.unregister:${event.id}` }],
      },
    });
    // The promoted member's reminders are queued with the new sequence.
    expect((await pending("event-reminder:")).every((m) => m.idempotencyKey.endsWith(":1"))).toBe(true);
    expect(await pending("event-reminder:")).toHaveLength(3);
    // No limit any more: the last one waiting gets a place too.
    await submitEdit(event.id, { capacity: "" });
    expect(await status("demo-intern")).toBe("REGISTERED");
  });

  it("a new time withdraws the old reminders, queues new ones, tells registrants, and the .ics has the new time and a higher SEQUENCE", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await bot.send("demo-adviser", action(`evt.register:${event.id}`));
    await bot.send("demo-partner", action(`evt.register:${event.id}`));
    const before = await pending("event-reminder:");
    expect(before.map((m) => m.idempotencyKey.split(":").at(-1))).toEqual(["0", "0", "0"]);
    // December to April crosses into summer time: 14:00 stays 14:00 in Paris.
    const said = text(
      await submitEdit(event.id, {
        date: "08/04/2027",
        start: "14h",
        end: "16h30",
        place: "Salle du conseil, Castelsarrasin",
      }),
    );
    expect(said).toContain("Personnes inscrites ou en attente prévenues : 2.");
    const row = await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.sequence).toBe(1);
    expect(row.startsAt.toISOString()).toBe("2027-04-08T12:00:00.000Z");
    const withdrawn = await bot.db.prisma.outboundMessage.findMany({ where: { id: { in: before.map((m) => m.id) } } });
    expect(withdrawn.every((m) => m.status === "CANCELLED")).toBe(true);
    const after = await pending("event-reminder:");
    expect(after).toHaveLength(3);
    expect(after.every((m) => m.idempotencyKey.endsWith(":1") && m.memberId === ids["demo-adviser"])).toBe(true);
    expect(after.map((m) => m.notBefore.toISOString())).toContain("2027-04-01T12:00:00.000Z");
    const changed = await pending("event-changed:");
    expect(changed.map((m) => m.idempotencyKey).sort()).toEqual(
      [
        `event-changed:${event.id}:1:${ids["demo-adviser"]}`,
        `event-changed:${event.id}:1:${ids["demo-partner"]}`,
      ].sort(),
    );
    const toAdviser = changed.find((m) => m.memberId === ids["demo-adviser"])!;
    expect(toAdviser.payload).toMatchObject({
      notice: {
        key: "events.notify.changed",
        params: { what: { phrase: "events.notify.what.timeAndPlace" }, place: "Salle du conseil, Castelsarrasin" },
      },
    });
    expect(JSON.stringify(toAdviser.payload)).toContain(`evt.calendar:${event.id}`);
    // Waiting members are told too, without the calendar button (they hold no place).
    expect(JSON.stringify(changed.find((m) => m.memberId === ids["demo-partner"])!.payload)).not.toContain(
      "evt.calendar:",
    );

    const [file] = await bot.send("demo-adviser", action(`evt.calendar:${event.id}`));
    expect(file!.text).toContain("pour votre agenda");
    const ics = new TextDecoder().decode(file!.files![0]!.content);
    const vevent = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
    expect(vevent.uid).toBe(`${event.id}@partner-network-bot`);
    expect(vevent.sequence).toBe(1);
    expect(
      DateTime.fromJSDate(vevent.startDate.toJSDate(), { zone: "Europe/Paris" }).toFormat("yyyy-MM-dd HH:mm"),
    ).toBe("2027-04-08 14:00");
    expect(DateTime.fromJSDate(vevent.endDate.toJSDate(), { zone: "Europe/Paris" }).toFormat("HH:mm")).toBe("16:30");
    expect(vevent.location).toBe("Salle du conseil, Castelsarrasin");
    // The waiting member has no place: no file, a sentence instead.
    const [refused] = await bot.send("demo-partner", action(`evt.calendar:${event.id}`));
    expect(refused!.files).toBeUndefined();
    expect(refused!.text).toContain("Vous n’avez pas de place");
  });

  it("a cancelled event cannot be edited", async () => {
    const event = await insertEvent(bot, { status: "CANCELLED" });
    expect(text(await bot.send("demo-coordinator", `événement ${event.id.slice(0, 8)} modifier`))).toContain(
      "ne peut plus être modifié",
    );
  });
});
