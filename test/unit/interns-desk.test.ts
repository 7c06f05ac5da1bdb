import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderNotice } from "../../src/delivery/compose.ts";
import { readPayload } from "../../src/delivery/payload.ts";
import { yearRange } from "../../src/features/indicators/period.ts";
import { DESK_COUNTERS } from "../../src/features/interns/desk/counters.ts";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { formOf, memberId } from "./activity-support.ts";
import { insertCohort } from "./cohorts-support.ts";
import { territoryId } from "./events-support.ts";

let bot: TestBot;
let intern: string;
let coordinator: string;
let second: string;
const START = new Date("2026-11-23T09:00:00Z");

beforeAll(async () => {
  bot = await createTestBot();
  intern = await memberId(bot, "demo-intern");
  coordinator = await memberId(bot, "demo-coordinator");
  const cohort = await insertCohort(bot, "Novembre 2026", "2026-11-02");
  await bot.db.prisma.member.update({
    where: { id: intern },
    data: { cohortId: cohort.id, placementSite: "CH de Montauban" },
  });
  const other = await bot.db.prisma.member.create({
    data: { networkId: bot.networkId, displayName: "Marc Lacombe", roles: ["NETWORK_COORDINATOR"], status: "ACTIVE" },
  });
  await bot.db.prisma.platformIdentity.create({
    data: { networkId: bot.networkId, memberId: other.id, platform: "local", externalId: "coord-2" },
  });
  second = other.id;
});
afterAll(() => bot.close());
beforeEach(async () => {
  bot.setNow(START);
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.welcomeRequest.deleteMany({});
  await bot.db.prisma.member.update({ where: { id: intern }, data: { status: "ACTIVE" } });
});

const requests = () => bot.db.prisma.welcomeRequest.findMany({ orderBy: { createdAt: "asc" } });
const queued = (prefix: string) =>
  bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix } },
    orderBy: { targetId: "asc" },
  });
const rendered = (payload: unknown, locale: "fr" | "en") => {
  const p = readPayload(payload);
  if (p.kind !== "notice") throw new Error(`not a notice: ${p.kind}`);
  return renderNotice(p.notice, locale);
};

describe("asking the mission accueil", () => {
  it("a question reaches every coordinator with the intern's name, cohort, site and an answer button; the answer comes back to the intern", async () => {
    const asked = await bot.text("demo-intern", "question Where can I park near the hospital?");
    expect(asked).toContain("Your question no. 1 reached the mission accueil");
    const [request] = await requests();
    expect(request).toMatchObject({
      status: "OPEN",
      memberId: intern,
      site: "CH de Montauban",
      question: "Where can I park near the hospital?",
    });
    expect(request!.cohortId).not.toBeNull();

    const notices = await queued("welcome-question:");
    expect(notices.map((n) => n.memberId).sort()).toEqual([coordinator, second].sort());
    const notice = rendered(notices[0]!.payload, "fr");
    expect(notice.text).toContain("Question n° 1 à la mission accueil");
    expect(notice.text).toContain("Thomas Lefèvre — cohorte Novembre 2026, site CH de Montauban");
    expect(notice.text).toContain("Where can I park near the hospital?");
    expect(notice.choices).toEqual([{ id: `wd.answer:${request!.id}`, label: "Répondre", style: "primary" }]);

    const opened = await bot.send("demo-coordinator", action(`wd.answer:${request!.id}`));
    expect(opened[0]!.text).toContain("Question n° 1 de Thomas Lefèvre");
    expect(formOf(opened).id).toBe(`wdans:${request!.id}`);
    const done = await bot.text(
      "demo-coordinator",
      form(`wdans:${request!.id}`, { answer: "The P2 car park is free for staff." }),
    );
    expect(done).toContain("Votre réponse à la question n° 1 est envoyée à Thomas Lefèvre");

    const [answered] = await requests();
    expect(answered).toMatchObject({
      status: "ANSWERED",
      answer: "The P2 car park is free for staff.",
      answeredById: coordinator,
    });
    expect(answered!.answeredAt).toEqual(START);
    const [relay] = await queued("welcome-answer:");
    expect(relay).toMatchObject({ memberId: intern, targetId: "demo-intern", urgent: true });
    const toIntern = rendered(relay!.payload, "en");
    expect(toIntern.text).toContain("The mission accueil answered your question no. 1");
    expect(toIntern.text).toContain("The P2 car park is free for staff.");
    expect(toIntern.choices).toEqual([{ id: "wd.ask", label: "Ask another question" }]);

    // The other coordinator presses "Répondre" later: they see who answered, and what.
    const later = await bot.text("coord-2", action(`wda:${request!.id}`));
    expect(later).toContain("La question n° 1 a déjà reçu une réponse de Sophie Delmas, le 23 novembre 2026 à 10:00");
    expect(later).toContain("The P2 car park is free for staff.");
    expect(formOf(await bot.send("demo-intern", action("wd.ask"))).id).toBe("wdask");
  });

  it("the guide's button and a bare 'question' open the form; 'mission accueil <text>' asks directly; numbers follow each other", async () => {
    const fromGuide = formOf(await bot.send("demo-intern", action("guide:ask")));
    expect(fromGuide).toMatchObject({ id: "wdask" });
    expect(fromGuide.byName["question"]).toMatchObject({ type: "textarea", maxLength: 2000 });
    expect(formOf(await bot.send("demo-intern", "question")).id).toBe("wdask");
    expect(await bot.text("demo-intern", form("wdask", { question: "  Is there a crèche in Caussade?  " }))).toContain(
      "question no. 1",
    );
    expect(await bot.text("demo-intern", "mission accueil Where do interns live?")).toContain("question no. 2");
    expect((await requests()).map((r) => r.question)).toEqual([
      "Is there a crèche in Caussade?",
      "Where do interns live?",
    ]);
  });

  it("on a step-by-step platform, a bare 'question' asks for the text and the next message is the question", async () => {
    const speaker = { user: "demo-intern", forms: "steps" as const };
    const prompt = await bot.text(speaker, "question");
    expect(prompt).toContain("Your question");
    expect(await bot.text(speaker, "How do I get to Moissac by train?")).toContain("question no. 1");
    expect((await requests())[0]!.question).toBe("How do I get to Moissac by train?");
  });

  it("an empty question or one over 2,000 characters is refused with a sentence, and nothing is saved or sent", async () => {
    expect(await bot.text("demo-intern", form("wdask", { question: "   " }))).toContain(
      "Your question is empty: nothing was sent.",
    );
    expect(await bot.text("demo-intern", `question ${"a".repeat(2001)}`)).toContain(
      "Your question is 2,001 characters long; the limit is 2,000.",
    );
    expect(await requests()).toHaveLength(0);
    expect(await queued("welcome-")).toHaveLength(0);
    expect(await bot.text("demo-intern", `question ${"é".repeat(2000)}`)).toContain("question no. 1");
  });
});

describe("answering", () => {
  it("two coordinators answering at once: exactly one answer stands and is relayed, the other is told who answered and gets their text back", async () => {
    await bot.send("demo-intern", "question Which bus goes to the hospital?");
    const [request] = await requests();
    const [a, b] = await Promise.all([
      bot.text("demo-coordinator", form(`wdans:${request!.id}`, { answer: "Line 3, from the station." })),
      bot.text("coord-2", form(`wdans:${request!.id}`, { answer: "Take line 3." })),
    ]);
    const won = [a, b].filter((t) => t.includes("est envoyée à Thomas Lefèvre"));
    const lost = [a, b].filter((t) => t.includes("a déjà reçu une réponse"));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const [row] = await requests();
    const winnerText = row!.answeredById === coordinator ? "Line 3, from the station." : "Take line 3.";
    const loserText = winnerText === "Take line 3." ? "Line 3, from the station." : "Take line 3.";
    expect(row!.answer).toBe(winnerText);
    expect(lost[0]).toContain(loserText);
    expect(await queued("welcome-answer:")).toHaveLength(1);
  });

  it("'répondre <n°> <texte>' answers by number; wrong numbers, other networks and bad forms each get a sentence", async () => {
    await bot.send("demo-intern", "question Where is the welcome evening?");
    const [request] = await requests();
    expect(await bot.text("demo-coordinator", "répondre 7 Bonjour")).toContain("Je ne trouve pas de question n° 7");
    expect(await bot.text("demo-coordinator", "répondre demain")).toContain(
      "Pour répondre à une interne ou un interne",
    );
    expect(await bot.text("demo-coordinator", "répondre 1")).toContain(
      "Votre réponse est vide : rien n’a été envoyé. Écrivez-la après le numéro, par exemple « répondre 1",
    );
    expect(await bot.text("demo-coordinator", `répondre 1 ${"x".repeat(2001)}`)).toMatch(
      /Votre réponse fait 2\s001 caractères/u,
    );
    expect(await bot.text("demo-coordinator", form("wdans:not-a-request", { answer: "Bonjour" }))).toContain(
      "Cette question n’existe plus",
    );
    expect(await bot.text("demo-coordinator", action(`wda:${coordinator}`))).toContain("Cette question n’existe plus");
    const elsewhere = await bot.db.prisma.network.create({ data: { slug: "tarn", name: "Tarn" } });
    const foreign = await bot.db.prisma.welcomeRequest.create({
      data: { networkId: elsewhere.id, question: "Autre réseau" },
    });
    expect(await bot.text("demo-coordinator", form(`wdans:${foreign.id}`, { answer: "Bonjour" }))).toContain(
      "Cette question n’existe plus",
    );
    expect((await bot.db.prisma.welcomeRequest.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("OPEN");
    await bot.db.prisma.welcomeRequest.delete({ where: { id: foreign.id } });
    await bot.db.prisma.network.delete({ where: { id: elsewhere.id } });
    // An intern cannot answer.
    expect(await bot.text("demo-intern", "answer 1 Myself")).toContain("This command is for network coordinators");
    expect((await requests())[0]!.status).toBe("OPEN");

    expect(await bot.text("demo-coordinator", "répondre n°1 Le 26 novembre à 19 h, à l’hôpital.")).toContain(
      "est envoyée à Thomas Lefèvre",
    );
    expect((await requests())[0]).toMatchObject({
      id: request!.id,
      status: "ANSWERED",
      answer: "Le 26 novembre à 19 h, à l’hôpital.",
    });
    const again = await bot.text("coord-2", "répondre 1 Le 26 à 19 h.");
    expect(again).toContain("La question n° 1 a déjà reçu une réponse de Sophie Delmas");
    expect(again).toContain("Le 26 à 19 h.");
  });

  it("an intern who has left is not sent the answer, and the coordinator is told", async () => {
    await bot.send("demo-intern", "question Can I stay after May?");
    await bot.db.prisma.member.update({ where: { id: intern }, data: { status: "LEFT" } });
    expect(await bot.text("demo-coordinator", "répondre 1 Oui.")).toContain("n’est plus joignable par le bot");
    expect(await queued("welcome-answer:")).toHaveLength(0);
    expect((await requests())[0]!.status).toBe("ANSWERED");
  });
});

describe("tracking and the indicator", () => {
  it("'accueil' lists open questions oldest first with their age, and the year's handled requests with median and longest times", async () => {
    bot.setNow(new Date("2026-11-20T09:00:00Z"));
    await bot.send("demo-intern", "question First?");
    bot.setNow(new Date("2026-11-22T09:00:00Z"));
    await bot.send("demo-intern", "question Second?");
    await bot.send("demo-intern", "question Third?");
    await bot.send("demo-coordinator", "répondre 3 Réponse.");
    bot.setNow(new Date("2026-11-23T09:00:00Z"));
    await bot.send("demo-coordinator", "répondre 2 Réponse.");
    bot.setNow(new Date("2026-11-23T11:30:00Z"));
    const list = await bot.text("demo-coordinator", "accueil");
    expect(list).toContain("1 question attend une réponse");
    expect(list).toContain(
      "• n° 1, il y a 3 jours — Thomas Lefèvre (cohorte Novembre 2026, site CH de Montauban) : First?",
    );
    expect(list).toContain("En 2026 : 2 demandes traitées par la mission accueil.");
    // 0 min and 24 h: median 12 h, longest 24 h.
    expect(list).toContain("Délai de réponse : 12 heures en médiane, 24 heures au plus long.");
    expect(await bot.text("demo-intern", "accueil")).toContain("This command is for network coordinators");
  });

  it("the counter counts requests answered in the period, purged ones included, and in the intern's territory", async () => {
    const count = DESK_COUNTERS["COUNT_REQUESTS"]!;
    const filter = { kind: "INTERN_WELCOME" };
    const scope = { networkId: bot.networkId, range: yearRange(2026) };
    await bot.send("demo-intern", "question One?");
    await bot.send("demo-intern", "question Two?");
    await bot.send("demo-intern", "question Still open?");
    await bot.send("demo-coordinator", "répondre 1 Oui.");
    await bot.send("demo-coordinator", "répondre 2 Non.");
    // Asked on 31 December, answered on 1 January (Paris): counts in the year it was answered.
    bot.setNow(new Date("2026-12-31T22:30:00Z"));
    await bot.send("demo-intern", "question New year?");
    bot.setNow(new Date("2026-12-31T23:30:00Z"));
    await bot.send("demo-coordinator", "répondre 4 Bonne année.");
    expect(await count(bot.db.prisma, scope, filter)).toBe(2);
    expect(await count(bot.db.prisma, { ...scope, range: yearRange(2027) }, filter)).toBe(1);

    const montauban = await territoryId(bot, "Montauban");
    const inMontauban = { ...scope, territoryIds: [montauban] };
    expect(await count(bot.db.prisma, inMontauban, filter)).toBe(2);
    const elsewhere = (
      await bot.db.prisma.territory.findFirstOrThrow({
        where: { networkId: bot.networkId, NOT: { id: montauban }, kind: "COMMUNE" },
      })
    ).id;
    expect(await count(bot.db.prisma, { ...scope, territoryIds: [elsewhere] }, filter)).toBe(0);

    // The intern's data is purged: the rows stay without them and keep counting network-wide.
    await bot.db.prisma.welcomeRequest.updateMany({
      where: { memberId: intern },
      data: { memberId: null, question: null, answer: null },
    });
    expect(await count(bot.db.prisma, scope, filter)).toBe(2);
    expect(await count(bot.db.prisma, { ...scope, today: { year: 2026, month: 11, day: 22 } }, filter)).toBe(0);
  });
});
