import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf, memberId } from "./activity-support.ts";
import { insertCohort } from "./cohorts-support.ts";
import { insertEvent, territoryId } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

const creation = (values: Record<string, string | string[]>) =>
  form("evtnew", {
    title: "Soirée d’accueil des internes",
    type: "WELCOME_EVENING",
    date: "26/11/2026",
    start: "18h30",
    end: "21h",
    place: "Hôtel du Département",
    onlineUrl: "",
    capacity: "40",
    waitlist: "yes",
    closes: "",
    roles: [],
    ficheActionId: "",
    questions: "",
    ...values,
  });

describe("upcoming events for a member", () => {
  it("shows date and time in Paris, the place, places left and a Register button", async () => {
    const event = await insertEvent(bot, { capacity: 20 });
    const replies = await bot.send("demo-adviser", "événements");
    const text = replies.map((r) => r.text).join("\n");
    expect(text).toContain("« Séminaire des conseillers numériques »");
    expect(text).toContain("jeudi 10 décembre 2026, 14:00–17:00");
    expect(text).toContain("Hôtel du Département, Montauban");
    expect(text).toContain("20 places restantes");
    const register = choiceByLabel(replies, "S’inscrire");
    expect(register).toBe(`evt.register:${event.id}`);
    const [confirmed] = await bot.send("demo-adviser", action(register));
    expect(confirmed!.text).toContain(
      "C’est noté : vous êtes inscrit·e à « Séminaire des conseillers numériques », jeudi 10 décembre 2026, 14:00–17:00",
    );
    const [ics] = confirmed!.files!;
    expect(ics!.mediaType).toBe("text/calendar");
    const vevent = new ICAL.Event(
      new ICAL.Component(ICAL.parse(new TextDecoder().decode(ics!.content))).getFirstSubcomponent("vevent")!,
    );
    expect(vevent.uid).toBe(`${event.id}@partner-network-bot`);
    expect(vevent.startDate.toJSDate().toISOString()).toBe(event.startsAt.toISOString());
    const after = await bot.send("demo-adviser", "événements");
    expect(after.map((r) => r.text).join("\n")).toContain("19 places restantes");
    expect(choiceByLabel(after, "Annuler mon inscription")).toBe(`evt.unregister:${event.id}`);
  });

  it("a full event with a waiting list says so", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await bot.send("demo-partner", action(`evt.register:${event.id}`));
    expect(await bot.text("demo-adviser", "événements")).toContain("complet — liste d’attente");
    expect(await bot.text("demo-intern", "events")).toContain("full — waiting list");
  });

  it("registration questions come as a form, and the organiser reads the answers", async () => {
    const event = await insertEvent(bot, {
      questions: [
        { id: "q1", label: "Régime alimentaire" },
        { id: "q2", label: "Covoiturage" },
      ],
    });
    const replies = await bot.send("demo-adviser", action(`evt.register:${event.id}`));
    const f = formOf(replies);
    expect(f.id).toBe(`evtreg:${event.id}`);
    expect(Object.keys(f.byName)).toEqual(["q1", "q2"]);
    expect(await bot.text("demo-adviser", form(f.id, { q1: "végétarien", q2: "" }))).toContain("vous êtes inscrit·e");
    const list = await bot.text("demo-coordinator", `événement ${event.id.slice(0, 8)} inscrits`);
    expect(list).toContain("Julien Carrère");
    expect(list).toContain("Régime alimentaire : végétarien");
  });

  it("my registrations lists places and waiting-list positions, each with a cancel button", async () => {
    const open = await insertEvent(bot, { title: "Forum santé", type: "HEALTH_FORUM" });
    const full = await insertEvent(bot, { capacity: 1, title: "World café" });
    await bot.send("demo-partner", action(`evt.register:${full.id}`));
    await bot.send("demo-cls", action(`evt.register:${open.id}`));
    await bot.send("demo-cls", action(`evt.register:${full.id}`));
    const replies = await bot.send("demo-cls", "mes inscriptions");
    const text = replies.map((r) => r.text).join("\n");
    expect(text).toContain("Inscrit·e : « Forum santé »");
    expect(text).toContain("Liste d’attente (1re) : « World café »");
    expect(replies.flatMap((r) => r.choices ?? []).map((c) => c.id)).toEqual([
      `evt.unregister:${open.id}`,
      `evt.unregister:${full.id}`,
    ]);
    expect(await bot.text("demo-intern", "mes inscriptions")).toContain(
      "You are not registered for any upcoming event",
    );
    expect(await bot.text("demo-cls", action(`evt.unregister:${full.id}`))).toContain(
      "Vous avez quitté la liste d’attente de « World café ».",
    );
  });
});

describe("creating an event", () => {
  it("a coordinator gets the form with every type and the roles", async () => {
    const f = formOf(await bot.send("demo-coordinator", "événement créer"));
    expect(f.byName.type!.options!.map((o) => o.label)).toContain("Soirée d’accueil des internes");
    expect(f.byName.roles!.type).toBe("multiselect");
    expect(f.byName.ficheActionId!.options!.length).toBeGreaterThan(0);
  });

  it("creates the event in Paris time; members see it", async () => {
    // A welcome evening belongs to the cohort of its semester: the demo intern arrived in November.
    const cohort = await insertCohort(bot, "Novembre 2026", "2026-11-02");
    onTestFinished(() => bot.db.prisma.cohort.delete({ where: { id: cohort.id } }).then(() => undefined));
    await bot.db.prisma.member.update({
      where: { id: await memberId(bot, "demo-intern") },
      data: { cohortId: cohort.id },
    });
    const text = await bot.text(
      "demo-coordinator",
      creation({ roles: ["INTERN"], questions: "Régime alimentaire\n\nBesoin d’un hébergement ?" }),
    );
    expect(text).toContain("Événement « Soirée d’accueil des internes » créé");
    const event = await bot.db.prisma.event.findFirstOrThrow({});
    expect(event.startsAt.toISOString()).toBe("2026-11-26T17:30:00.000Z");
    expect(event.endsAt.toISOString()).toBe("2026-11-26T20:00:00.000Z");
    expect(event.audienceRoles).toEqual(["INTERN"]);
    expect(event.cohortId).toBe(cohort.id);
    expect(event.questions).toEqual([
      { id: "q1", label: "Régime alimentaire" },
      { id: "q2", label: "Besoin d’un hébergement ?" },
    ]);
    expect(await bot.text("demo-intern", "events")).toContain("Soirée d’accueil des internes");
    expect(await bot.text("demo-adviser", "événements")).toContain("Aucun événement à venir");
  });

  it("an audience of intercommunalities: members placed there see the event, others do not; a forged territory is refused", async () => {
    const tdc = await territoryId(bot, "CC Terres des Confluences");
    const text = await bot.text(
      "demo-coordinator",
      creation({ type: "HEALTH_COMMITTEE", title: "Commission santé", territories: [tdc] }),
    );
    expect(text).toContain("Événement « Commission santé » créé");
    expect((await bot.db.prisma.event.findFirstOrThrow({})).audienceTerritoryIds).toEqual([tdc]);
    expect(await bot.text("demo-cls", "événements")).toContain("Commission santé");
    expect(await bot.text("demo-adviser", "événements")).not.toContain("Commission santé");
    const forged = await bot.text(
      "demo-coordinator",
      creation({ type: "SEMINAR", title: "Séminaire", territories: ["00000000-0000-4000-8000-000000000000"] }),
    );
    expect(forged).toContain("Un territoire choisi n’existe pas : choisissez-le dans la liste.");
    expect(await bot.db.prisma.event.count({ where: { title: "Séminaire" } })).toBe(0);
  });

  it.each([
    [{ end: "17h" } as Record<string, string>, "L’heure de fin est avant l’heure de début : corrigez l’une des deux."],
    [{ date: "20/11/2026" }, "Cette date est déjà passée : choisissez une date à venir."],
    [
      { capacity: "0" },
      /Le nombre de places doit être un nombre entier entre 1 et 10\s000 \(laissez vide pour illimité\)\./,
    ],
    [{ capacity: "10001" }, /Le nombre de places doit être un nombre entier entre 1 et 10\s000/],
    [
      { onlineUrl: "zoom rendez-vous" },
      "Le lien de visioconférence doit être une adresse web complète, commençant par https://.",
    ],
    [{ date: "31/02/2027" }, "Je ne reconnais pas cette date"],
    [{ end: "" }, "Indiquez l’heure de début et l’heure de fin (par exemple 18h30 et 21h)."],
  ])("refuses %o with a sentence and gives the form back", async (values, sentence) => {
    const replies = await bot.send("demo-coordinator", creation(values));
    expect(replies[0]!.text).toContain("Je n’ai pas créé l’événement :");
    expect(replies[0]!.text).toMatch(sentence);
    expect(formOf(replies).byName.title!.value).toBe("Soirée d’accueil des internes");
    expect(await bot.db.prisma.event.count()).toBe(0);
  });

  it("is for coordinators only", async () => {
    expect(await bot.text("demo-adviser", "événement créer")).not.toContain("Nouvel événement");
    expect(await bot.db.prisma.event.count()).toBe(0);
  });
});

describe("cancelling an event", () => {
  it("tells every registrant and waiting member, and bumps the calendar sequence", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await bot.send("demo-adviser", action(`evt.register:${event.id}`));
    await bot.send("demo-partner", action(`evt.register:${event.id}`));
    const ask = await bot.send("demo-coordinator", `événement ${event.id.slice(0, 8)} annuler`);
    expect(ask[0]!.text).toContain("Personnes inscrites ou en attente qui seront prévenues : 2.");
    const done = await bot.text(
      "demo-coordinator",
      action(choiceByLabel(ask, "Oui, annuler et prévenir les inscrits")),
    );
    expect(done).toContain(
      "« Séminaire des conseillers numériques » est annulé. Personnes inscrites ou en attente prévenues : 2.",
    );
    const after = await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(after).toMatchObject({ status: "CANCELLED", sequence: 1 });
    const told = await bot.db.prisma.outboundMessage.findMany({
      where: { idempotencyKey: { startsWith: "event-cancelled:" } },
      orderBy: { targetId: "asc" },
    });
    expect(told.map((m) => m.targetId)).toEqual(["demo-adviser", "demo-partner"]);
    expect(told.every((m) => (m.payload as { notice: { key: string } }).notice.key === "events.notify.cancelled")).toBe(
      true,
    );
    expect(await bot.text("demo-adviser", "mes inscriptions")).toContain(
      "Vous n’êtes inscrit·e à aucun événement à venir",
    );
    expect(await bot.text("demo-coordinator", action(`evt.cancel-event:${event.id}`))).toContain("est déjà annulé");
  });

  it("finds events by a word of the title, and asks which one when several match", async () => {
    await insertEvent(bot, { title: "Commission santé de décembre" });
    await insertEvent(bot, {
      title: "Commission santé de janvier",
      startsAt: new Date("2027-01-12T13:00:00Z"),
      endsAt: new Date("2027-01-12T15:00:00Z"),
    });
    expect(await bot.text("demo-coordinator", "événement commission inscrits")).toContain(
      "Plusieurs événements correspondent à « commission »",
    );
    expect(await bot.text("demo-coordinator", "événement janvier inscrits")).toContain("Inscrits : 0");
    expect(await bot.text("demo-coordinator", "événement forum inscrits")).toContain(
      "Je ne trouve aucun événement « forum »",
    );
  });
});

it("the waiting member promoted by a cancellation through the bot has a notice queued", async () => {
  const event = await insertEvent(bot, { capacity: 1 });
  await bot.send("demo-adviser", action(`evt.register:${event.id}`));
  await bot.send("demo-partner", action(`evt.register:${event.id}`));
  expect(await bot.text("demo-adviser", action(`evt.unregister:${event.id}`))).toContain(
    "Votre inscription à « Séminaire des conseillers numériques » est annulée",
  );
  const queued = await bot.db.prisma.outboundMessage.findMany({
    where: { NOT: { idempotencyKey: { startsWith: "event-reminder:" } } },
  });
  expect(queued.map((m) => [m.memberId, m.category])).toEqual([[await memberId(bot, "demo-partner"), "event"]]);
});
