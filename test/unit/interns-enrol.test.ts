import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createTelegramDriver } from "../fakes/telegram/driver.ts";
import { action, choiceIds, createTestBot, type Speaker, type TestBot } from "../support/bot.ts";
import { insertCohort, insertIntern } from "./cohorts-support.ts";
import { insertEvent } from "./events-support.ts";

// jsqr is CommonJS: its function is the module's `default` export.
const jsQR = jsQRModule.default;

let bot: TestBot;
let telegramBot: string | undefined = "cd82_accueil_bot";
beforeAll(async () => {
  bot = await createTestBot({ botUsername: (platform) => (platform === "telegram" ? telegramBot : undefined) });
});
afterAll(() => bot.close());
beforeEach(async () => {
  telegramBot = "cd82_accueil_bot";
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
  await bot.db.prisma.member.updateMany({ data: { cohortId: null } });
  await bot.db.prisma.cohort.deleteMany({});
});

/** The text a QR code in a PNG file holds. */
function readQr(reply: Reply): string | undefined {
  const file = reply.files?.[0];
  expect(file?.mediaType).toBe("image/png");
  const image = PNG.sync.read(Buffer.from(file!.content!));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** Creates the cohort and returns its enrolment code, as a coordinator would get it. */
async function cohortCode(
  name = "Novembre 2026",
  arrives = "2026-11-02",
  sites: string[] = ["CH Montauban", "CH Moissac"],
): Promise<{ id: string; code: string }> {
  const cohort = await insertCohort(bot, name, arrives);
  await bot.db.prisma.cohort.update({ where: { id: cohort.id }, data: { sites } });
  await bot.send("demo-coordinator", `cohorte ${name} lien`);
  const { inviteCode } = await bot.db.prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } });
  return { id: cohort.id, code: inviteCode! };
}

const memberOf = (externalId: string) =>
  bot.db.prisma.member.findFirstOrThrow({ where: { identities: { some: { externalId } } } });

describe("the cohort's link and QR code", () => {
  it("creating a cohort takes its sites and offers the link; the link and its QR code open the bot on Telegram", async () => {
    const created = await bot.send(
      "demo-coordinator",
      "cohorte créer Novembre 2026 02/11/2026 sites: CH Montauban, CH Moissac",
    );
    expect(created[0]!.text).toContain("Lieux de stage proposés : CH Montauban, CH Moissac.");
    const cohort = await bot.db.prisma.cohort.findFirstOrThrow({});
    expect(cohort.sites).toEqual(["CH Montauban", "CH Moissac"]);
    expect(choiceIds(created)).toEqual([`enr.link:${cohort.id}`]);

    const [reply] = await bot.send("demo-coordinator", action(`enr.link:${cohort.id}`));
    const { inviteCode, inviteExpiresAt } = await bot.db.prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } });
    expect(inviteCode).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const link = `https://t.me/cd82_accueil_bot?start=c-${inviteCode}`;
    expect(link.split("start=")[1]!.length).toBeLessThanOrEqual(64);
    expect(reply!.text).toContain(link);
    expect(reply!.text).toContain("Le lien est valable jusqu’au 2 mai 2027.");
    expect(inviteExpiresAt?.toISOString()).toBe("2027-05-02T00:00:00.000Z");
    expect(readQr(reply!)).toBe(link);

    // Asked again (typed this time): the same link, not a new one.
    const again = await bot.send("demo-coordinator", "cohorte novembre 2026 lien");
    expect(again[0]!.text).toContain(link);
    expect(await bot.text("demo-coordinator", "cohorte Novembre 2026")).toContain("cohorte Novembre 2026 lien");
  });

  it("sets the sites of an existing cohort", async () => {
    await insertCohort(bot, "Mai 2027", "2027-05-03");
    expect(
      await bot.text("demo-coordinator", "cohorte Mai 2027 sites CH Castelsarrasin ; Clinique du Pont de Chaume"),
    ).toContain("Lieux de stage proposés : CH Castelsarrasin, Clinique du Pont de Chaume.");
  });

  it("without Telegram connected, says so and gives the code to type", async () => {
    telegramBot = undefined;
    const cohort = await insertCohort(bot, "Novembre 2026", "2026-11-02");
    const [reply] = await bot.send("demo-coordinator", "cohorte Novembre 2026 lien");
    const { inviteCode } = await bot.db.prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } });
    expect(reply!.text).toContain("Telegram n’est pas (encore) connecté");
    expect(reply!.text).toContain(`start c-${inviteCode}`);
    expect(reply!.files).toBeUndefined();
  });

  it("is for those who manage cohorts", async () => {
    const cohort = await insertCohort(bot, "Novembre 2026", "2026-11-02");
    expect(await bot.text("demo-intern", action(`enrlink:${cohort.id}`))).not.toContain("t.me");
    expect((await bot.db.prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).inviteCode).toBeNull();
  });
});

describe("an intern opening the link", () => {
  it("is enrolled at once, answers language, site and arrival with buttons, and is welcomed and invited", async () => {
    const { id, code } = await cohortCode();
    await insertEvent(bot, {
      type: "WELCOME_EVENING",
      title: "Soirée d’accueil",
      cohortId: id,
      startsAt: new Date("2026-11-26T17:30:00Z"),
      endsAt: new Date("2026-11-26T20:00:00Z"),
    });
    const intern: Speaker = { user: "new-intern-1", name: "Léa Martin" };
    const first = await bot.send(intern, `start c-${code}`);
    expect(first.map((r) => r.text).join("\n")).toContain("Bienvenue dans la cohorte d’internes « Novembre 2026 »");
    expect(choiceIds(first)).toEqual(["enr.answer:language:fr", "enr.answer:language:en"]);
    const member = await memberOf("new-intern-1");
    expect(member).toMatchObject({ roles: ["INTERN"], status: "ACTIVE", cohortId: id });

    const site = await bot.send(intern, action("enr.answer:language:en"));
    expect(site[0]!.text).toContain("Where are you placed?");
    expect(site[0]!.choices!.map((c) => c.label)).toEqual(["CH Montauban", "CH Moissac", "Other", "Skip"]);
    const arrival = await bot.send(intern, action("enr.answer:site:1"));
    expect(arrival[0]!.text).toContain("The cohort arrives on 2 November 2026.");

    bot.restart(); // a restart mid-way loses nothing
    const done = await bot.send(intern, "05/11/2026");
    const text = done.map((r) => r.text).join("\n");
    expect(text).toContain("Welcome to the “Novembre 2026” cohort, arriving on 5 November 2026.");
    expect(text).toContain("Placement site: CH Moissac.");
    expect(text).toContain("You will receive the invitation to your cohort's welcome evening");
    expect(choiceIds(done)).toEqual(["guide.contents"]);
    expect(await memberOf("new-intern-1")).toMatchObject({
      locale: "en",
      placementSite: "CH Moissac",
      arrivesOn: new Date("2026-11-05T00:00:00Z"),
    });
    expect(await bot.db.prisma.outboundMessage.count({ where: { memberId: member.id } })).toBe(1);
    expect(await bot.db.prisma.conversation.count({ where: { identity: { externalId: "new-intern-1" } } })).toBe(0);
    // Now an ordinary member: the guide opens.
    expect(choiceIds(await bot.send(intern, action("guide.contents"))).length).toBeGreaterThan(0);
  });

  it("types a site with « Autre », skips the date (the cohort's stands), and a stale button re-asks", async () => {
    const { code } = await cohortCode();
    const intern = "new-intern-2";
    await bot.send(intern, `start c-${code}`);
    await bot.send(intern, action("enr:language:fr"));
    const stale = await bot.text(intern, action("enr:language:en"));
    expect(stale).toContain("Où êtes-vous en poste ?");
    expect(await bot.text(intern, action("enr:site:other"))).toContain("Écrivez le nom de votre lieu de stage");
    expect(await bot.text(intern, "Cabinet médical de Caussade")).toContain("Quand arrivez-vous ?");
    expect(await bot.text(intern, "bientôt")).toContain("Je ne reconnais pas la date « bientôt »");
    const done = await bot.text(intern, action("enr:arrival:skip"));
    expect(done).toContain("Bienvenue dans la cohorte « Novembre 2026 », arrivée le 2 novembre 2026.");
    expect(done).toContain("n’est pas encore programmée");
    expect(await memberOf(intern)).toMatchObject({
      locale: "fr",
      placementSite: "Cabinet médical de Caussade",
      arrivesOn: null,
    });
    expect(await bot.text(intern, action("enr:arrival:skip"))).toContain("questions d’inscription déjà terminées");
  });

  it("works from a private chat no network is bound to: the code says which network", async () => {
    const { id, code } = await cohortCode();
    const intern: Speaker = {
      platform: "telegram",
      user: "777001",
      scope: "777001",
      name: "Hugo Petit",
      localeHint: "en",
    };
    const first = await bot.send(intern, `start c-${code}`);
    expect(first[0]!.text).toContain("Welcome to the network's intern cohort “Novembre 2026”");
    expect(await memberOf("777001")).toMatchObject({
      networkId: bot.networkId,
      roles: ["INTERN"],
      status: "ACTIVE",
      cohortId: id,
      locale: "en",
    });
    expect(await bot.text(intern, action("enr:language:fr"))).toContain("Où êtes-vous en poste ?");
  });

  it("moves an intern already in the network to the cohort, and tells others the link is for interns", async () => {
    const old = await insertCohort(bot, "Mai 2026", "2026-05-04");
    await insertIntern(bot, "intern-moving", "Inès Garcia", old.id);
    const { id, code } = await cohortCode();
    expect(await bot.text("intern-moving", `start c-${code}`)).toContain(
      "Vous faites maintenant partie de la cohorte « Novembre 2026 » (vous avez quitté la cohorte « Mai 2026 »).",
    );
    expect((await memberOf("intern-moving")).cohortId).toBe(id);
    expect(await bot.text("intern-moving", `start c-${code}`)).toContain(
      "Vous faites déjà partie de la cohorte « Novembre 2026 »",
    );
    expect(await bot.text("demo-adviser", `start c-${code}`)).toContain("Ce lien sert à inscrire les internes");
    expect((await memberOf("demo-adviser")).roles).not.toContain("INTERN");
  });

  it("refuses an unknown or expired code with what to do", async () => {
    expect(await bot.text("new-intern-3", "start c-doesNotExist")).toContain(
      "Ce lien d’inscription n’est pas (ou plus) valable",
    );
    const { id, code } = await cohortCode();
    await bot.db.prisma.cohort.update({ where: { id }, data: { inviteExpiresAt: new Date("2026-11-01T12:00:00Z") } });
    const text = await bot.text("new-intern-4", `start c-${code}`);
    expect(text).toContain("a expiré le 1 novembre 2026");
    expect(text).toContain("Demandez un nouveau lien à la mission accueil");
    expect((await memberOf("new-intern-4")).roles).toEqual([]);
  });
});

describe("through Telegram (grammY against the fake Bot API)", () => {
  it("the adapter's username makes the link; opening it enrols and asks the questions with inline buttons", async () => {
    const tg = await createTelegramDriver(bot.dispatch);
    try {
      telegramBot = tg.adapter.botUsername?.();
      expect(telegramBot).toBe("reseau_test_bot");
      const { id, code } = await cohortCode();
      expect(await bot.text("demo-coordinator", "cohorte Novembre 2026 lien")).toContain(
        `https://t.me/reseau_test_bot?start=c-${code}`,
      );

      const first = await tg.send("lea", `/start c-${code}`);
      expect(first.map((r) => r.text).join("\n")).toContain("Bienvenue dans la cohorte d’internes « Novembre 2026 »");
      // First contact: the privacy notice comes with the welcome, before the first question.
      expect(
        first.findIndex((r) =>
          r.text.includes("Responsable du traitement : Réseau des partenaires du Tarn-et-Garonne"),
        ),
      ).toBe(1);
      expect(first.flatMap((r) => r.choices)).toEqual(["Français", "English"]);
      const site = await tg.press("lea", "English");
      expect(site.flatMap((r) => r.choices)).toEqual(["CH Montauban", "CH Moissac", "Other", "Skip"]);
      expect(site.map((r) => r.text).join("\n")).not.toContain("Controller");
      await tg.press("lea", "CH Montauban");
      const done = await tg.send("lea", "05/11/2026");
      expect(done.map((r) => r.text).join("\n")).toContain(
        "Welcome to the “Novembre 2026” cohort, arriving on 5 November 2026.",
      );
      expect(done.flatMap((r) => r.choices)).toEqual(["Welcome guide"]);
      expect(await memberOf(tg.externalId("lea"))).toMatchObject({
        roles: ["INTERN"],
        status: "ACTIVE",
        cohortId: id,
        placementSite: "CH Montauban",
        locale: "en",
      });
      expect((await tg.press("lea", "Welcome guide")).flatMap((r) => r.choices).length).toBeGreaterThan(0);
    } finally {
      await tg.close();
    }
  });
});

describe("the privacy notice at an intern's first contact", () => {
  const notice = (replies: Reply[]) => replies.map((r) => r.text).join("\n");

  it("an intern opening the link from a private chat reads the network's notice once, in their language", async () => {
    const { code } = await cohortCode();
    await bot.db.prisma.network.update({
      where: { id: bot.networkId },
      data: { privacyController: "Département de Tarn-et-Garonne", privacyDpoContact: "dpo@ledepartement82.fr" },
    });
    try {
      const intern: Speaker = {
        platform: "telegram",
        user: "777002",
        scope: "777002",
        name: "Sam Roy",
        localeHint: "en",
      };
      const first = await bot.send(intern, `start c-${code}`);
      expect(first[0]!.text).toContain("Welcome to the network's intern cohort “Novembre 2026”");
      expect(first[1]!.text).toContain("Controller: Département de Tarn-et-Garonne.");
      expect(first[1]!.text).toContain("Data protection officer: dpo@ledepartement82.fr.");
      expect(choiceIds(first)).toEqual(["enr.answer:language:fr", "enr.answer:language:en"]);
      expect(notice(await bot.send(intern, action("enr:language:en")))).not.toContain("Controller");
      // The link opened again: the intern is enrolled already, nothing to repeat.
      expect(notice(await bot.send(intern, `start c-${code}`))).not.toContain("Controller");
    } finally {
      await bot.db.prisma.network.update({
        where: { id: bot.networkId },
        data: { privacyController: null, privacyDpoContact: null },
      });
    }
  });

  it("a newcomer of a bound chat reads it with the welcome; one who wrote before opening the link is not told twice", async () => {
    const { code } = await cohortCode();
    const fresh = await bot.send("new-intern-5", `start c-${code}`);
    expect(notice(fresh)).toContain("Responsable du traitement : Réseau des partenaires du Tarn-et-Garonne");
    expect(notice(await bot.send("new-intern-6", "bonjour"))).toContain("Responsable du traitement");
    const enrolled = await bot.send("new-intern-6", `start c-${code}`);
    expect(notice(enrolled)).toContain("Bienvenue dans la cohorte d’internes « Novembre 2026 »");
    expect(notice(enrolled)).not.toContain("Responsable du traitement");
  });
});
