import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { botJobs, botViews } from "../../src/bot.ts";
import { createTranslator } from "../../src/core/i18n.ts";
import { renderNotice } from "../../src/delivery/compose.ts";
import type { Notice } from "../../src/delivery/payload.ts";
import { seasonalUpdates } from "../../src/features/interns/schedule/feature.ts";
import { queueInternSchedule, SEASONAL_VIEW } from "../../src/features/interns/schedule/queue.ts";
import { loadSeasonalUpdates } from "../../src/features/interns/schedule/seasonal.ts";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { formOf } from "./activity-support.ts";
import { insertCohort, insertIntern } from "./cohorts-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
let november: { id: string };
let may: { id: string };
let anna: string;
let basile: string;
let chloe: string;
const LONG_AGO = new Date("2026-01-01T00:00:00Z");

beforeAll(async () => {
  bot = await createTestBot();
  november = await insertCohort(bot, "Novembre 2026", "2026-11-02");
  may = await insertCohort(bot, "Mai 2026", "2026-05-04");
  anna = await insertIntern(bot, "intern-anna", "Anna Petit", november.id);
  basile = await insertIntern(bot, "intern-basile", "Basile Roux", november.id);
  chloe = await insertIntern(bot, "intern-chloe", "Chloé Morel", may.id);
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
  await bot.db.prisma.member.updateMany({
    where: { id: { in: [anna, basile, chloe] } },
    data: { createdAt: LONG_AGO, status: "ACTIVE", arrivesOn: null },
  });
});

const run = (at: string) => queueInternSchedule(bot.db.prisma, new Date(at), ["local"], seasonalUpdates);
const queued = (prefix: string) =>
  bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix } },
    orderBy: { idempotencyKey: "asc" },
  });
const noticeOf = (row: { payload: unknown }) => (row.payload as { notice: Notice }).notice;

describe("the welcome, two weeks before arrival at 10:00 Paris", () => {
  it("goes at 10:00 summer time (08:00 UTC) on 19 October for a 2 November arrival, once however often the job runs", async () => {
    expect((await run("2026-10-19T07:59:00Z")).welcomes).toBe(0);
    expect((await run("2026-10-19T08:00:00Z")).welcomes).toBe(2);
    expect((await run("2026-10-19T08:15:00Z")).welcomes).toBe(0);
    const rows = await queued("intern-welcome:");
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(
      [`intern-welcome:${anna}`, `intern-welcome:${basile}`].sort(),
    );
    const notice = noticeOf(rows[0]!);
    expect(notice.choices!.map((c) => c.id)).toEqual(["guide.contents"]);
    expect(renderNotice(notice, "fr").text).toContain("Votre stage commence le lundi 2 novembre 2026");
    expect(renderNotice(notice, "en").text).toContain("Your placement starts on Monday, 2 November 2026");
  });

  it("offers the cohort's welcome evening with one-tap registration", async () => {
    const evening = await insertEvent(bot, {
      title: "Soirée d’accueil",
      type: "WELCOME_EVENING",
      cohortId: november.id,
      startsAt: new Date("2026-11-26T17:30:00Z"),
      endsAt: new Date("2026-11-26T20:00:00Z"),
    });
    await run("2026-10-19T08:00:00Z");
    const notice = noticeOf((await queued(`intern-welcome:${anna}`))[0]!);
    expect(notice.choices!.map((c) => c.id)).toEqual(["guide.contents", `evt.register:${evening.id}`]);
    expect(renderNotice(notice, "fr").text).toContain("« Soirée d’accueil » le jeudi 26 novembre 2026 à 18:30");
  });

  it("follows the intern's own arrival date; nothing to those who joined after the 14-day mark, nor to LEFT members", async () => {
    await bot.db.prisma.member.update({ where: { id: anna }, data: { arrivesOn: new Date("2026-11-16T00:00:00Z") } });
    await bot.db.prisma.member.update({ where: { id: basile }, data: { createdAt: new Date("2026-10-19T08:05:00Z") } });
    await bot.db.prisma.member.update({
      where: { id: chloe },
      data: { status: "LEFT", arrivesOn: new Date("2026-11-16T00:00:00Z") },
    });
    expect((await run("2026-10-19T08:30:00Z")).welcomes).toBe(0);
    expect((await run("2026-11-02T09:00:00Z")).welcomes).toBe(1);
    expect((await queued("intern-welcome:")).map((r) => r.memberId)).toEqual([anna]);
  });

  it("a missed run is caught up the next day, but not once the message is stale", async () => {
    expect((await run("2026-10-20T16:00:00Z")).welcomes).toBe(2);
    await bot.db.prisma.outboundMessage.deleteMany({});
    expect((await run("2026-10-22T08:00:00Z")).welcomes).toBe(0);
  });
});

describe("the check-in, one week after arrival", () => {
  it("goes at 10:00 winter time (09:00 UTC) on 9 November with three buttons, once", async () => {
    expect((await run("2026-11-09T08:59:00Z")).checkIns).toBe(0);
    expect((await run("2026-11-09T09:00:00Z")).checkIns).toBe(2);
    expect((await run("2026-11-09T09:15:00Z")).checkIns).toBe(0);
    const rows = await queued("intern-checkin:");
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(
      [`intern-checkin:${anna}`, `intern-checkin:${basile}`].sort(),
    );
    const notice = noticeOf(rows[0]!);
    expect(notice.choices!.map((c) => c.id)).toEqual(["isch.fine", "guide.ask", "leave.keep"]);
    expect(renderNotice(notice, "fr").text).toContain("Avez-vous trouvé un logement ?");
    expect(renderNotice(notice, "fr").choices!.map((c) => c.label)).toEqual([
      "👍 Tout va bien",
      "🙋 J’ai besoin d’aide",
      "Rester en contact",
    ]);
  });

  it("'all is well' gets a thank-you", async () => {
    expect(await bot.text("intern-anna", action("isch.fine"))).toContain("merci de nous avoir répondu");
  });
});

describe("seasonal guide updates", () => {
  it("ship in French and English with their yearly day", () => {
    const byId = Object.fromEntries(seasonalUpdates.map((u) => [u.id, u]));
    expect(byId["mois-du-numerique"]!.send).toEqual({ month: 1, day: 17 });
    expect(byId["mois-du-numerique"]!.text.fr.message).toContain("Du 24 janvier au 24 février");
    expect(byId["mois-du-numerique"]!.text.en.title).toBe("The digital month is coming");
    expect(byId["fin-semestre-avril"]!.send).toEqual({ month: 4, day: 1 });
  });

  it("go at 10:00 Paris on their day to interns whose semester is running, once a year", async () => {
    expect((await run("2027-01-17T08:59:00Z")).seasonal).toBe(0);
    expect((await run("2027-01-17T09:00:00Z")).seasonal).toBe(2);
    expect((await run("2027-01-17T12:00:00Z")).seasonal).toBe(0);
    const rows = await queued("guide-season:");
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(
      [`guide-season:mois-du-numerique:2027:${anna}`, `guide-season:mois-du-numerique:2027:${basile}`].sort(),
    );
    const view = botViews[SEASONAL_VIEW]!;
    const reply = await view(
      {
        db: bot.db.prisma,
        networkId: bot.networkId,
        recipientMemberId: anna,
        locale: "en",
        t: createTranslator("en"),
        now: new Date("2027-01-17T09:00:00Z"),
      },
      "mois-du-numerique",
    );
    expect(reply!.text.startsWith("The digital month is coming\n\n")).toBe(true);
    expect(reply!.choices!.map((c) => c.id)).toEqual(["guide.contents", "guide.ask"]);
  });

  it("follow summer time in April (08:00 UTC)", async () => {
    expect((await run("2027-04-01T07:59:00Z")).seasonal).toBe(0);
    expect((await run("2027-04-01T08:00:00Z")).seasonal).toBe(2);
  });

  describe("the loader", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "seasonal-"));
      for (const l of ["fr", "en"]) mkdirSync(join(dir, l, "guide-seasonal"), { recursive: true });
      return () => rmSync(dir, { recursive: true, force: true });
    });
    const write = (locale: string, name: string, text: string) =>
      writeFileSync(join(dir, locale, "guide-seasonal", name), text);
    const file = (send: string, title = "Titre") => `---\nsend: ${send}\n---\n# ${title}\n\nUn texte.\n`;

    it("reads a valid pair", () => {
      write("fr", "hiver.md", file("12-01"));
      write("en", "hiver.md", file("12-01", "Title"));
      expect(loadSeasonalUpdates(dir)).toEqual([
        {
          id: "hiver",
          send: { month: 12, day: 1 },
          text: {
            fr: { title: "Titre", message: "Titre\n\nUn texte." },
            en: { title: "Title", message: "Title\n\nUn texte." },
          },
        },
      ]);
    });

    it("refuses a missing translation, a different day, a day not in every year, a missing date or title", () => {
      write("fr", "hiver.md", file("12-01"));
      expect(() => loadSeasonalUpdates(dir)).toThrow(/en\/guide-seasonal\/hiver\.md is missing/);
      write("en", "hiver.md", file("12-02"));
      expect(() => loadSeasonalUpdates(dir)).toThrow(/is sent on another day/);
      write("fr", "hiver.md", file("02-29"));
      write("en", "hiver.md", file("02-29"));
      expect(() => loadSeasonalUpdates(dir)).toThrow(/not a day of every year/);
      write("fr", "hiver.md", "# Titre\n\nUn texte.\n");
      expect(() => loadSeasonalUpdates(dir)).toThrow(/fr\/guide-seasonal\/hiver\.md does not start with its send date/);
      write("fr", "hiver.md", "---\nsend: 02-28\n---\nPas de titre.\n");
      expect(() => loadSeasonalUpdates(dir)).toThrow(/has no title/);
      write("fr", "hiver.md", file("02-28"));
      write("en", "hiver.md", file("02-28"));
      write("en", "extra.md", file("02-28"));
      expect(() => loadSeasonalUpdates(dir)).toThrow(/extra\.md has no fr counterpart/);
    });
  });
});

describe("feedback after the welcome evening", () => {
  let evening: { id: string };
  beforeEach(async () => {
    evening = await insertEvent(bot, {
      title: "Soirée d’accueil",
      type: "WELCOME_EVENING",
      cohortId: november.id,
      startsAt: new Date("2026-11-26T17:30:00Z"),
      endsAt: new Date("2026-11-26T20:00:00Z"),
    });
    for (const memberId of [anna, basile]) {
      await bot.db.prisma.eventRegistration.create({
        data: {
          networkId: bot.networkId,
          eventId: evening.id,
          memberId,
          status: "REGISTERED",
          ...(memberId === anna ? { checkedInAt: new Date("2026-11-26T17:45:00Z") } : {}),
        },
      });
    }
    bot.setNow(new Date("2026-11-27T10:00:00Z"));
  });

  it("asks those checked in, the morning after at 10:00 Paris, once", async () => {
    expect((await run("2026-11-27T08:59:00Z")).feedback).toBe(0);
    expect((await run("2026-11-27T09:00:00Z")).feedback).toBe(1);
    expect((await run("2026-11-27T09:15:00Z")).feedback).toBe(0);
    const [row] = await queued("event-feedback:");
    expect(row!.idempotencyKey).toBe(`event-feedback:${evening.id}:${anna}`);
    expect(noticeOf(row!).choices!.map((c) => c.id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `isch.rate:${evening.id}:${n}`),
    );
  });

  it("asks everyone registered when no one was checked in", async () => {
    await bot.db.prisma.eventRegistration.updateMany({ where: { eventId: evening.id }, data: { checkedInAt: null } });
    expect((await run("2026-11-27T09:00:00Z")).feedback).toBe(2);
  });

  it("stores the rating and the two texts; answering again updates; organisers see the summary", async () => {
    const replies = await bot.send("intern-anna", action(`isch.rate:${evening.id}:4`));
    expect(replies[0]!.text).toContain("votre note (4/5) est enregistrée");
    expect(formOf(replies).fields.map((f) => f.name)).toEqual(["useful", "next"]);
    expect(
      await bot.text(
        "intern-anna",
        form(`ischfb:${evening.id}`, { useful: "Rencontrer les autres internes", next: "Une visite de Montauban" }),
      ),
    ).toContain("Merci pour votre avis");
    const again = await bot.send("intern-anna", action(`isch:fb:${evening.id}:5`));
    expect(again[0]!.text).toContain("remplacée par 5/5");
    expect(formOf(again).byName.useful!.value).toBe("Rencontrer les autres internes");
    expect(await bot.text("intern-anna", form(`ischfb:${evening.id}`, { useful: "Les contacts", next: "" }))).toContain(
      "remplacent les précédentes",
    );
    await bot.send("intern-basile", action(`isch:fb:${evening.id}:2`));
    const feedback = await bot.db.prisma.eventFeedback.findMany({
      where: { eventId: evening.id },
      orderBy: { createdAt: "asc" },
    });
    expect(feedback.map((f) => f.answers)).toEqual([
      { overall: "5", useful: "Les contacts", next: "Une visite de Montauban" },
      { overall: "2" },
    ]);

    const summary = await bot.text("demo-coordinator", `événement ${evening.id.slice(0, 8)} avis`);
    expect(summary).toContain("2 réponses ; note moyenne : 3,5/5 (2 notes)");
    expect(summary).toContain("• Les contacts");
    expect(summary).toContain("• Une visite de Montauban");
  });

  it("refuses members who were not registered, and a rating before the evening is over", async () => {
    expect(await bot.text("intern-chloe", action(`isch:fb:${evening.id}:3`))).toContain(
      "Seules les personnes inscrites",
    );
    bot.setNow(new Date("2026-11-26T18:00:00Z"));
    expect(await bot.text("intern-anna", action(`isch:fb:${evening.id}:3`))).toContain("n’est plus valable");
    expect(await bot.db.prisma.eventFeedback.count()).toBe(0);
  });

  it("an organiser asking before any answer is told when the questions go", async () => {
    expect(await bot.text("demo-coordinator", `événement ${evening.id.slice(0, 8)} avis`)).toContain(
      "Aucun avis pour l’instant",
    );
  });
});

describe("the job", () => {
  it("runs every 15 minutes among the bot's jobs", async () => {
    const job = botJobs(bot.db.prisma, { platforms: ["local"] }).find((j) => j.name === "intern-schedule")!;
    expect(job.schedule).toBe("*/15 * * * *");
    expect(await job.run(new Date("2026-10-19T08:00:00Z"))).toMatchObject({ welcomes: 2 });
  });
});
