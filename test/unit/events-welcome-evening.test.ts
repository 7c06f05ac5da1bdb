import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { formOf, memberId } from "./activity-support.ts";
import { insertCohort, insertIntern } from "./cohorts-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
let november: { id: string };
let may: { id: string };
let thomas: string;
let lea: string;
beforeAll(async () => {
  bot = await createTestBot();
  november = await insertCohort(bot, "Novembre 2026", "2026-11-02");
  may = await insertCohort(bot, "Mai 2026", "2026-05-04");
  thomas = await memberId(bot, "demo-intern");
  await bot.db.prisma.member.update({ where: { id: thomas }, data: { cohortId: november.id } });
  lea = await insertIntern(bot, "intern-may", "Léa Martin", may.id);
  await insertIntern(bot, "intern-late", "Hugo Bernard");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

const evening = (values: Record<string, string | string[]> = {}) =>
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

const invitations = () =>
  bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: "event-invite:" } },
    orderBy: { targetId: "asc" },
  });

describe("a cohort's welcome evening", () => {
  it("the form offers the cohorts; left empty, the evening goes to the cohort of its date's semester", async () => {
    const f = formOf(await bot.send("demo-coordinator", "événement créer"));
    expect(f.byName.cohortId!.options!.map((o) => o.label)).toEqual(["Novembre 2026", "Mai 2026"]);
    expect(await bot.text("demo-coordinator", evening())).toContain("Événement « Soirée d’accueil des internes » créé");
    const event = await bot.db.prisma.event.findFirstOrThrow({});
    expect(event.cohortId).toBe(november.id);
  });

  it("a chosen cohort wins over the date's semester", async () => {
    await bot.send("demo-coordinator", evening({ cohortId: may.id }));
    expect((await bot.db.prisma.event.findFirstOrThrow({})).cohortId).toBe(may.id);
  });

  it("is refused when no cohort arrives in the semester of its date", async () => {
    const replies = await bot.send("demo-coordinator", evening({ date: "10/06/2027" }));
    expect(replies[0]!.text).toContain("aucune cohorte n’arrive dans le semestre de cette date");
    expect(formOf(replies).byName.title!.value).toBe("Soirée d’accueil des internes");
    expect(await bot.db.prisma.event.count()).toBe(0);
  });

  it("only one scheduled welcome evening per cohort: the second is refused, naming the first", async () => {
    await bot.send("demo-coordinator", evening());
    const first = await bot.db.prisma.event.findFirstOrThrow({});
    const replies = await bot.send("demo-coordinator", evening({ title: "Deuxième soirée", date: "27/11/2026" }));
    expect(replies[0]!.text).toContain(
      `La cohorte « Novembre 2026 » a déjà sa soirée d’accueil : « Soirée d’accueil des internes », jeudi 26 novembre 2026, 18:30–21:00 (n° ${first.id.slice(0, 8)})`,
    );
    expect(await bot.db.prisma.event.count()).toBe(1);
    // A cancelled evening no longer counts.
    await bot.db.prisma.event.update({ where: { id: first.id }, data: { status: "CANCELLED" } });
    expect(await bot.text("demo-coordinator", evening({ title: "Deuxième soirée", date: "27/11/2026" }))).toContain(
      "Événement « Deuxième soirée » créé",
    );
  });

  it("two coordinators saving at the same moment give the cohort one evening", async () => {
    const results = await Promise.all([
      bot.text("demo-coordinator", evening()),
      bot.text("demo-cls", evening({ title: "Soirée bis" })),
    ]);
    expect(results.filter((t) => t.includes("Événement « ")).length).toBe(1);
    expect(results.filter((t) => t.includes("a déjà sa soirée d’accueil")).length).toBe(1);
    expect(await bot.db.prisma.event.count({ where: { cohortId: november.id } })).toBe(1);
  });
});

describe("invitations", () => {
  it("go to the interns of the cohort only, with a one-tap register button", async () => {
    await bot.send("demo-coordinator", evening());
    const event = await bot.db.prisma.event.findFirstOrThrow({});
    const queued = await invitations();
    expect(queued.map((m) => [m.targetId, m.idempotencyKey])).toEqual([
      ["demo-intern", `event-invite:${event.id}:${thomas}`],
    ]);
    const notice = (queued[0]!.payload as { notice: { key: string; choices: { id: string }[] } }).notice;
    expect(notice.key).toBe("cohorts.invite.notice");
    expect(notice.choices.map((c) => c.id)).toEqual([`evt.register:${event.id}`]);
    expect(await bot.text("demo-intern", action(`evt.register:${event.id}`))).toContain(
      "Soirée d’accueil des internes",
    );
    expect(
      await bot.db.prisma.eventRegistration.count({
        where: { eventId: event.id, memberId: thomas, status: "REGISTERED" },
      }),
    ).toBe(1);
  });

  it("an intern who joins the cohort later is invited to its evening, once", async () => {
    await bot.send("demo-coordinator", evening());
    const event = await bot.db.prisma.event.findFirstOrThrow({});
    const late = await memberId(bot, "intern-late");
    expect(await bot.text("demo-coordinator", "cohorte Novembre 2026 ajouter Hugo Bernard")).toContain(
      "Invitation envoyée à la soirée d’accueil de la cohorte.",
    );
    const queued = await invitations();
    expect(queued.map((m) => m.idempotencyKey)).toContain(`event-invite:${event.id}:${late}`);
    await bot.db.prisma.member.update({ where: { id: late }, data: { cohortId: null } });
    await bot.send("demo-coordinator", "cohorte Novembre 2026 ajouter Hugo Bernard");
    expect((await invitations()).filter((m) => m.memberId === late)).toHaveLength(1);
    await bot.db.prisma.member.update({ where: { id: late }, data: { cohortId: null } });
  });

  it("a late joiner is not invited to a cancelled or past evening", async () => {
    await insertEvent(bot, { type: "WELCOME_EVENING", cohortId: november.id, status: "CANCELLED" });
    await insertEvent(bot, {
      type: "WELCOME_EVENING",
      cohortId: november.id,
      startsAt: new Date("2026-11-05T17:30:00Z"),
      endsAt: new Date("2026-11-05T20:00:00Z"),
    });
    expect(await bot.text("demo-coordinator", "cohorte Novembre 2026 ajouter Hugo Bernard")).toContain(
      "Aucune soirée d’accueil à venir",
    );
    expect(await invitations()).toHaveLength(0);
    await bot.db.prisma.member.update({ where: { id: await memberId(bot, "intern-late") }, data: { cohortId: null } });
  });
});

describe("who may register", () => {
  it("an intern of another cohort is refused and does not see the evening; organisers may register", async () => {
    const event = await insertEvent(bot, {
      type: "WELCOME_EVENING",
      title: "Soirée d’accueil de novembre",
      cohortId: november.id,
    });
    expect(await bot.text("intern-may", "événements")).not.toContain("Soirée d’accueil de novembre");
    expect(await bot.text("intern-may", action(`evt.register:${event.id}`))).toContain(
      "Cet événement est réservé à un autre public",
    );
    expect(await bot.db.prisma.eventRegistration.count({ where: { memberId: lea } })).toBe(0);
    expect(await bot.text("demo-intern", "events")).toContain("Soirée d’accueil de novembre");
    expect(await bot.text("demo-coordinator", action(`evt.register:${event.id}`))).toContain("vous êtes inscrit·e");
    expect(await bot.text("demo-adviser", action(`evt.register:${event.id}`))).toContain(
      "Cet événement est réservé à un autre public",
    );
  });
});
