// Issue 7 end to end on Telegram: the intern and the coordinator both talk to the real grammY
// adapter polling the fake Bot API server. The coordinator makes the cohort's link, the intern
// opens it (/start c-<code>), answers the onboarding with buttons, reads the guide, asks the
// mission accueil a question; the coordinator gets it through the outbox and answers; the answer,
// the welcome evening's invitation and the feedback questions after the evening reach the intern
// through the outbox and the Telegram delivery worker. At the end, the purge job removes the
// intern's identities while the mission accueil's indicator still counts the request.
// Everything runs with the bot's clock under the test's control.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botJobs, botViews } from "../../src/bot.ts";
import type { CalendarDay } from "../../src/calendar/paris.ts";
import { createTranslator, type Locale } from "../../src/core/i18n.ts";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/delivery/worker.ts";
import { loadGuide, SHIPPED_LOCALES_DIR } from "../../src/features/guide/load.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

const COHORT = "Novembre 2026";
const EVENING = "Soirée d’accueil des internes";
// The bot's clock starts on Monday 23 November 2026, 10:00 Paris; the evening is on Thursday 26th, 18:30–21:00.
const EVENING_STARTS = new Date("2026-11-26T17:30:00Z");
const EVENING_ENDS = new Date("2026-11-26T20:00:00Z");
// The morning after, 10:00 Paris: the feedback questions are due.
const MORNING_AFTER = new Date("2026-11-27T09:00:00Z");
// The cohort arrives on 2 November 2026: semester (6 months) + 3 months → purge day 2 August 2027.
const AFTER_PURGE_DAY = new Date("2027-08-03T09:00:00Z");
const ANSWERED_ON: CalendarDay = { year: 2026, month: 11, day: 27 };
const REQUESTS_INDICATOR = "Demandes traitées par la mission accueil";

const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
const choices = (replies: { choices: string[] }[]) => replies.flatMap((r) => r.choices);

describe("interns' welcome on Telegram (fake Bot API server, grammY): intern and coordinator both on Telegram", () => {
  let bot: TestBot;
  let telegram: TelegramHarness | undefined;
  let sender: DeliveryWorker;
  let coordinatorId: string;

  beforeAll(async () => {
    bot = await createTestBot({
      platforms: ["local", "telegram"],
      botUsername: (p) => (p === "telegram" ? telegram?.adapter.botUsername?.() : undefined),
    });
    telegram = await createTelegramDriver(bot.dispatch);
    sender = createDeliveryWorker({
      db: bot.db.prisma,
      adapter: telegram.adapter,
      log: silentLog,
      now: bot.now,
      views: botViews,
    });
    // The seeded coordinator linked their Telegram account: the bot reaches them there.
    const coordinator = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: "demo-coordinator" } } },
    });
    coordinatorId = coordinator.id;
    await bot.db.prisma.platformIdentity.create({
      data: {
        networkId: bot.networkId,
        memberId: coordinator.id,
        platform: "telegram",
        externalId: telegram.externalId("coordinator"),
      },
    });
  });
  afterAll(async () => {
    await telegram?.close();
    await bot?.close();
  });

  const tg = () => telegram!;
  /** What the bot sent in the person's private chat after fake call index `since`. */
  const inChat = (person: string, since: number) => tg().fake.sentMessages(tg().user(person).id, since);
  const refused = () => tg().fake.calls.filter((c) => c.status === 400);
  const job = (name: string) =>
    botJobs(bot.db.prisma, { platforms: ["local", "telegram"] }).find((j) => j.name === name)!;
  const requestsIndicator = async () =>
    (await computeIndicators(bot.db.prisma, { networkId: bot.networkId, window: { today: ANSWERED_ON } })).find(
      (v) => v.label === REQUESTS_INDICATOR,
    )!.value;

  it("every page of the shipped guide, in both languages, goes through the fake Telegram as one accepted message", async () => {
    const guide = loadGuide(SHIPPED_LOCALES_DIR);
    const refusedBefore = refused().length;
    await tg().send("coordinator", "démarrer"); // opens the private chat
    for (const locale of ["fr", "en"] as Locale[]) {
      await bot.db.prisma.member.update({ where: { id: coordinatorId }, data: { locale } });
      const t = createTranslator(locale);
      const contents = await tg().send("coordinator", "guide");
      expect(choices(contents)).toEqual(guide[locale].map((s) => s.title));
      for (const section of guide[locale]) {
        for (let index = 0; index < section.pages.length; index++) {
          const since = tg().fake.calls.length;
          const shown = await tg().press("coordinator", index === 0 ? section.title : t("commands.guide.next"));
          const page = section.pages[index]!;
          // One message per page, its text as the guide has it (nothing cut, nothing split).
          expect(shown.map((m) => m.text)).toEqual([page.text.trim()]);
          // Its bold and italic arrive as message entities, the fake having checked them as Telegram does.
          const [sent] = inChat("coordinator", since);
          expect(sent?.entities, `${section.id} page ${index + 1}`).toEqual(
            page.entities.map((e) => ({ type: e.kind, offset: e.offset, length: e.length })),
          );
          expect(sent!.entities![0]).toEqual({ type: "bold", offset: 0, length: page.text.split("\n")[0]!.length });
          expect(shown[0]!.choices).toContain(t("commands.guide.contents"));
        }
        await tg().press("coordinator", t("commands.guide.contents"));
      }
    }
    await bot.db.prisma.member.update({ where: { id: coordinatorId }, data: { locale: "fr" } });
    expect(refused().slice(refusedBefore)).toEqual([]);
  });

  it("deep link → onboarding → guide → question answered → welcome evening → feedback → purge, indicator kept", async () => {
    // ── The coordinator creates the cohort and gets its link (and QR code) ─────────────────────
    const created = await tg().send(
      "coordinator",
      `cohorte créer ${COHORT} 02/11/2026 sites: CH Montauban, CH Moissac`,
    );
    expect(text(created)).toContain("Lieux de stage proposés : CH Montauban, CH Moissac.");
    const cohort = await bot.db.prisma.cohort.findFirstOrThrow({ where: { name: COHORT } });
    // Its welcome evening exists (created by the organisers; the invitation goes to whoever joins).
    const evening = await bot.db.prisma.event.create({
      data: {
        networkId: bot.networkId,
        title: EVENING,
        type: "WELCOME_EVENING",
        cohortId: cohort.id,
        startsAt: EVENING_STARTS,
        endsAt: EVENING_ENDS,
        place: "Hôtel du Département, Montauban",
      },
    });
    const linkReply = await tg().send("coordinator", `cohorte ${COHORT} lien`);
    const link = /https:\/\/t\.me\/reseau_test_bot\?start=(c-[A-Za-z0-9_-]+)/.exec(text(linkReply));
    expect(link).not.toBeNull();
    expect(
      tg()
        .fake.callsOf("sendPhoto")
        .filter((c) => c.status === 200),
    ).toHaveLength(1); // the QR code

    // ── The intern opens the link: Telegram sends "/start <payload>" ──────────────────────────
    const first = await tg().send("lea", `/start ${link![1]}`);
    expect(text(first)).toContain(`Bienvenue dans la cohorte d’internes « ${COHORT} »`);
    expect(choices(first)).toEqual(["Français", "English"]);
    const site = await tg().press("lea", "English");
    expect(text(site)).toContain("Where are you placed?");
    expect(choices(site)).toEqual(["CH Montauban", "CH Moissac", "Other", "Skip"]);
    const arrival = await tg().press("lea", "CH Moissac");
    expect(text(arrival)).toContain("The cohort arrives on 2 November 2026.");
    const arrivalButton = choices(arrival)[0]!;
    const welcomed = await tg().press("lea", arrivalButton);
    expect(text(welcomed)).toContain(`Welcome to the “${COHORT}” cohort, arriving on 2 November 2026.`);
    expect(text(welcomed)).toContain("Placement site: CH Moissac.");
    expect(choices(welcomed)).toEqual(["Welcome guide"]);
    const intern = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "telegram", externalId: tg().externalId("lea") } } },
    });
    expect(intern).toMatchObject({
      roles: ["INTERN"],
      status: "ACTIVE",
      cohortId: cohort.id,
      placementSite: "CH Moissac",
      locale: "en",
      displayName: "Lea Test",
    });

    // The invitation to the cohort's welcome evening comes through the outbox.
    let mark = tg().fake.calls.length;
    expect(await sender.runOnce()).toBe(1);
    const invitation = inChat("lea", mark);
    expect(invitation).toHaveLength(1);
    expect(invitation[0]!.text).toContain(EVENING);
    expect(invitation[0]!.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["Register"]);

    // ── The guide: contents → a section → next page → back → contents ─────────────────────────
    const guide = loadGuide(SHIPPED_LOCALES_DIR).en;
    const housing = guide.find((s) => s.pages.length > 1)!;
    const contents = await tg().press("lea", "Welcome guide");
    expect(choices(contents)).toEqual(guide.map((s) => s.title));
    expect(text(await tg().press("lea", housing.title))).toBe(housing.pages[0]!.text.trim());
    const second = await tg().press("lea", "Next ▶");
    expect(text(second)).toBe(housing.pages[1]!.text.trim());
    expect(choices(second)).toEqual(expect.arrayContaining(["◀ Previous", "◀ Contents", "Ask the mission accueil"]));
    expect(text(await tg().press("lea", "◀ Previous"))).toBe(housing.pages[0]!.text.trim());
    expect(choices(await tg().press("lea", "◀ Contents"))).toEqual(guide.map((s) => s.title));

    // ── A question from the guide's button (Telegram has no forms: the question is the next message) ──
    await tg().press("lea", housing.title);
    const prompt = await tg().press("lea", "Ask the mission accueil");
    expect(text(prompt)).toContain("Your question");
    const QUESTION = "Is there housing for interns near the hospital of Moissac?";
    expect(text(await tg().send("lea", QUESTION))).toContain("Your question no. 1 reached the mission accueil");
    const request = await bot.db.prisma.welcomeRequest.findFirstOrThrow({ where: { memberId: intern.id } });
    expect(request).toMatchObject({ status: "OPEN", question: QUESTION, site: "CH Moissac", cohortId: cohort.id });

    // The coordinator gets it on Telegram through the outbox, with the answer button.
    mark = tg().fake.calls.length;
    expect(await sender.runOnce()).toBe(1);
    const notice = inChat("coordinator", mark);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain("Question n° 1 à la mission accueil");
    expect(notice[0]!.text).toContain(`Lea Test — cohorte ${COHORT}, site CH Moissac`);
    expect(notice[0]!.text).toContain(QUESTION);
    // Telegram asks the form's one field as a message (the question is in the notice just above).
    const opened = await tg().press("coordinator", "Répondre");
    expect(text(opened)).toContain("Réponse à la question n° 1");
    const ANSWER = "Yes: the hospital has a residence for interns, ask at the reception.";
    expect(text(await tg().send("coordinator", ANSWER))).toContain(
      "Votre réponse à la question n° 1 est envoyée à Lea Test",
    );
    expect(await bot.db.prisma.welcomeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "ANSWERED",
      answer: ANSWER,
      answeredById: coordinatorId,
    });

    // The answer reaches the intern on Telegram.
    mark = tg().fake.calls.length;
    expect(await sender.runOnce()).toBe(1);
    const answer = inChat("lea", mark);
    expect(answer).toHaveLength(1);
    expect(answer[0]!.text).toContain("The mission accueil answered your question no. 1");
    expect(answer[0]!.text).toContain(ANSWER);
    expect(answer[0]!.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["Ask another question"]);

    // ── The intern registers with the invitation's button ──────────────────────────────────────
    const registered = await tg().press("lea", "Register");
    expect(text(registered)).toContain(EVENING);
    expect(
      await bot.db.prisma.eventRegistration.findUniqueOrThrow({
        where: { eventId_memberId: { eventId: evening.id, memberId: intern.id } },
      }),
    ).toMatchObject({ status: "REGISTERED" });

    // ── After the evening: the intern-schedule job queues the feedback questions ───────────────
    bot.setNow(new Date(MORNING_AFTER.getTime() - 60_000));
    expect(await job("intern-schedule").run(bot.now())).toMatchObject({ feedback: 0 });
    bot.setNow(MORNING_AFTER);
    expect(await job("intern-schedule").run(bot.now())).toMatchObject({ feedback: 1 });
    mark = tg().fake.calls.length;
    // The reminders of the evening were due before; whatever else is due goes too, the feedback among it.
    expect(await sender.runOnce()).toBeGreaterThanOrEqual(1);
    const asked = inChat("lea", mark).find((m) => m.text?.includes(`Thank you for coming to “${EVENING}”`));
    expect(asked?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["1", "2", "3", "4", "5"]);

    // The rating button, then the two optional questions one after the other.
    const rated = await tg().press("lea", "4");
    expect(text(rated)).toContain("Thank you, your rating (4/5) is saved.");
    expect(text(rated)).toContain("What was most useful to you?");
    const nextQuestion = await tg().send("lea", "Meeting the other interns and the hospital staff");
    expect(text(nextQuestion)).toContain("What would you like next time?");
    expect(text(await tg().send("lea", "A visit of Montauban"))).toContain("Thank you for your feedback!");
    const feedback = await bot.db.prisma.eventFeedback.findUniqueOrThrow({
      where: { eventId_memberId: { eventId: evening.id, memberId: intern.id } },
    });
    expect(feedback.answers).toEqual({
      overall: "4",
      useful: "Meeting the other interns and the hospital staff",
      next: "A visit of Montauban",
    });

    // ── The purge, once the semester + 3 months are over ───────────────────────────────────────
    const counted = await requestsIndicator();
    expect(counted).toBe(1);
    bot.setNow(AFTER_PURGE_DAY);
    const purged = await job("purge-expired-interns").run(bot.now());
    expect((purged as { purged: number }).purged).toBeGreaterThanOrEqual(1);
    expect(await bot.db.prisma.platformIdentity.count({ where: { memberId: intern.id } })).toBe(0);
    expect(
      await bot.db.prisma.platformIdentity.count({
        where: { platform: "telegram", externalId: tg().externalId("lea") },
      }),
    ).toBe(0);
    const after = await bot.db.prisma.member.findUniqueOrThrow({ where: { id: intern.id } });
    expect(after).toMatchObject({ status: "LEFT", placementSite: null, arrivesOn: null });
    expect(after.displayName).not.toContain("Lea");
    expect(await bot.db.prisma.welcomeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "ANSWERED",
      memberId: null,
      question: null,
      answer: null,
    });
    expect(await bot.db.prisma.eventFeedback.findUniqueOrThrow({ where: { id: feedback.id } })).toMatchObject({
      memberId: null,
      answers: feedback.answers,
    });
    expect(await requestsIndicator()).toBe(counted);
    // Nothing over Telegram was refused along the way.
    expect(refused()).toEqual([]);
  });
});
