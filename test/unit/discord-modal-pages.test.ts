import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundCommand } from "../../src/core/inbound.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { componentInteraction, type FakeUser, messageObject, modalSubmit } from "../fakes/discord/payloads.ts";
import type { FakeInteraction } from "../fakes/discord/rest.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
type Component = { type: number; label?: string; custom_id?: string; components?: Component[] };

describe("Discord forms of more than five fields, filled page by page", () => {
  let bot: TestBot;
  let harness: DiscordHarness;
  /** What reaches the core from Discord. */
  const seen: InboundCommand[] = [];
  /** How far the adapter's clock is ahead of the real one (to let a form expire). */
  let aheadMs = 0;

  const adviser = (): FakeUser => ({
    id: harness.driver.externalId("adviser"),
    username: "adviser",
    globalName: "Adviser",
    locale: "fr",
  });
  const guild = () => ({ guildId: harness.fake.guildId, channelId: harness.fake.channelId });
  const reports = () => bot.db.prisma.activityReport.findMany({ orderBy: { createdAt: "asc" } });
  const formsSeen = () => seen.filter((c) => c.input.kind === "form");
  const lastRecord = () => [...harness.fake.rest.interactions.values()].at(-1)!;

  /** The adviser starts an activity report of `kind` and gets the first page of the form. */
  async function openActivityForm(kind: string) {
    await harness.driver.send("adviser", "activite");
    const [opened] = await harness.driver.press("adviser", kind);
    return opened!.form!;
  }

  /** A label as the modal shows it (Discord cuts labels at 45 characters). */
  const label = (fields: string[], start: string) => fields.find((f) => f.startsWith(start))!;

  /** Presses a button of the answer of one interaction: not necessarily the latest message the adviser saw. */
  async function pressOn(record: FakeInteraction, buttonLabel: string): Promise<FakeInteraction> {
    const m = record.original!;
    const button = (m.components as Component[])
      .flatMap((row) => row.components ?? [])
      .find((c) => c.label === buttonLabel)!;
    const message = messageObject({
      id: m.id,
      type: 20,
      channel_id: record.channelId,
      content: m.content,
      components: m.components,
      flags: m.flags,
      author: { id: harness.fake.applicationId, username: "bot", discriminator: "0", avatar: null, bot: true },
    });
    const payload = componentInteraction(harness.fake.applicationId, adviser(), guild(), message, {
      customId: button.custom_id!,
      type: 2,
    });
    const done = harness.handled(String(payload.id));
    const pressed = harness.fake.interact(payload);
    await done;
    return pressed;
  }

  beforeAll(async () => {
    bot = await createTestBot();
    harness = await startDiscordHarness(
      (command) => {
        seen.push(command);
        return bot.dispatch(command);
      },
      { adapter: { now: () => new Date(Date.now() + aheadMs) } },
    );
    const db = bot.db.prisma;
    await db.channelBinding.create({
      data: { networkId: bot.networkId, platform: "discord", scopeId: harness.fake.guildId },
    });
    const member = await db.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: "demo-adviser" } } },
    });
    await db.platformIdentity.create({
      data: {
        networkId: bot.networkId,
        memberId: member.id,
        platform: "discord",
        externalId: harness.driver.externalId("adviser"),
      },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await bot?.close();
  });
  beforeEach(async () => {
    await bot.db.prisma.activityReport.deleteMany({});
    seen.length = 0;
    aheadMs = 0;
  });

  it("a collective workshop's form shows three pages, and a date changed on page 2 is saved in the report", async () => {
    const page1 = await openActivityForm("Atelier collectif");
    expect(page1.title).toBe("Compte rendu d’activité (1/3)");
    expect(page1.fields).toHaveLength(5);
    const saved1 = await harness.driver.submitForm("adviser", {
      [label(page1.fields, "Durée")]: "2h",
      [label(page1.fields, "Nombre de participants")]: "8",
      [label(page1.fields, "Thèmes")]: "Courriels",
      [label(page1.fields, "Lieu")]: "À distance",
    });
    expect(saved1.map((r) => [r.text.split(".")[0], r.choices, r.private])).toEqual([
      ["Page 1/3 enregistrée", ["Continuer (2/3)", "Envoyer maintenant"], true],
    ]);
    expect(formsSeen()).toEqual([]);

    const [opened2] = await harness.driver.press("adviser", "Continuer (2/3)");
    expect(opened2!.form!.title).toBe("Compte rendu d’activité (2/3)");
    const page2 = opened2!.form!.fields;
    expect(page2).toHaveLength(5);
    const saved2 = await harness.driver.submitForm("adviser", {
      [label(page2, "Date")]: "18/11",
      [label(page2, "Titre de l’atelier")]: "Découvrir sa messagerie",
    });
    expect(saved2.flatMap((r) => r.choices)).toEqual(["Continuer (3/3)", "Envoyer maintenant"]);

    const [opened3] = await harness.driver.press("adviser", "Continuer (3/3)");
    expect(opened3!.form!.title).toBe("Compte rendu d’activité (3/3)");
    const page3 = opened3!.form!.fields;
    expect(page3.map((f) => f.split(" ")[0])).toEqual(expect.arrayContaining(["Notes", "Type"]));
    const done = await harness.driver.submitForm("adviser", {});
    expect(text(done)).toContain(
      "Activité enregistrée : mer. 18 nov. 2026 — Atelier collectif — 2 h — 8 pers. — Courriels",
    );

    // The core received one form, with every field of the three pages, as a single modal would have given it.
    expect(formsSeen()).toHaveLength(1);
    expect(formsSeen()[0]!.input).toMatchObject({ formId: "activity" });
    const names = Object.keys((formsSeen()[0]!.input as { values: Record<string, unknown> }).values);
    expect(names).toHaveLength(10 + page3.length);
    expect(names).toEqual(
      expect.arrayContaining([
        "commune",
        "date",
        "duration",
        "equipment",
        "kind",
        "notes",
        "participants",
        "place",
        "procedures",
        "themes",
        "workshopLevel",
        "workshopTitle",
      ]),
    );
    const [report] = await reports();
    expect(report).toMatchObject({
      kind: "COLLECTIVE",
      date: new Date("2026-11-18T00:00:00Z"),
      durationMin: 120,
      participants: 8,
      place: "REMOTE",
      themes: ["email"],
      workshopTitle: "Découvrir sa messagerie",
    });
  });

  it("“Send now” on page 1 saves the report with the values the other pages had", async () => {
    const page1 = await openActivityForm("Atelier collectif");
    await harness.driver.submitForm("adviser", {
      [label(page1.fields, "Durée")]: "1h30",
      [label(page1.fields, "Nombre de participants")]: "5",
      [label(page1.fields, "Thèmes")]: "Santé",
      [label(page1.fields, "Lieu")]: "À domicile",
    });
    const sent = await harness.driver.press("adviser", "Envoyer maintenant");
    expect(text(sent)).toContain(
      "Activité enregistrée : lun. 23 nov. 2026 — Atelier collectif — 1 h 30 — 5 pers. — Santé",
    );
    expect(formsSeen()).toHaveLength(1);
    expect(await reports()).toEqual([
      expect.objectContaining({
        kind: "COLLECTIVE",
        date: new Date("2026-11-23T00:00:00Z"),
        durationMin: 90,
        participants: 5,
        place: "HOME",
        workshopTitle: null,
      }),
    ]);
  });

  it("two forms open at once keep their own pages", async () => {
    const workshop = await openActivityForm("Atelier collectif");
    await harness.driver.submitForm("adviser", {
      [label(workshop.fields, "Durée")]: "2h",
      [label(workshop.fields, "Nombre de participants")]: "6",
      [label(workshop.fields, "Thèmes")]: "Emploi",
      [label(workshop.fields, "Lieu")]: "À distance",
    });
    const workshopPage = lastRecord();
    const single = await openActivityForm("Accompagnement individuel");
    expect(single.title).toBe("Compte rendu d’activité (1/3)");
    await harness.driver.submitForm("adviser", {
      [label(single.fields, "Durée")]: "45 min",
      [label(single.fields, "Thèmes")]: "Banque et achats en ligne",
      [label(single.fields, "Lieu")]: "À domicile",
    });

    const workshopSent = await pressOn(workshopPage, "Envoyer maintenant");
    expect(workshopSent.original?.content).toContain("Atelier collectif — 2 h — 6 pers. — Emploi");
    const singleSent = await harness.driver.press("adviser", "Envoyer maintenant");
    expect(text(singleSent)).toContain("Accompagnement individuel — 45 min — Banque et achats en ligne");
    expect((await reports()).map((r) => [r.kind, r.durationMin, r.themes])).toEqual([
      ["COLLECTIVE", 120, ["employment"]],
      ["INDIVIDUAL", 45, ["banking_shopping"]],
    ]);

    // The workshop was sent: its old buttons no longer send it again.
    const again = await pressOn(workshopPage, "Continuer (2/3)");
    expect(again.original?.content).toBe(
      "Ce formulaire a déjà été envoyé ; pour changer quelque chose, ouvrez-le à nouveau.",
    );
    expect(await reports()).toHaveLength(2);
  });

  it("a page sent more than 30 minutes later is answered with a sentence asking to start again, and nothing is saved", async () => {
    const page1 = await openActivityForm("Atelier collectif");
    await harness.driver.submitForm("adviser", {
      [label(page1.fields, "Durée")]: "2h",
      [label(page1.fields, "Nombre de participants")]: "8",
      [label(page1.fields, "Thèmes")]: "Courriels",
      [label(page1.fields, "Lieu")]: "À distance",
    });
    aheadMs = 31 * 60_000;
    const late = await harness.driver.press("adviser", "Continuer (2/3)");
    expect(text(late)).toBe(
      "Ce formulaire n’est plus ouvert (plus de 30 minutes se sont écoulées, ou le bot a redémarré) : rien n’a été enregistré. Ouvrez-le à nouveau pour recommencer.",
    );
    expect(late.every((r) => r.private)).toBe(true);
    expect(formsSeen()).toEqual([]);
    expect(await reports()).toEqual([]);
  });

  it("a page the bot no longer knows (after a restart) is answered in the member's Discord language", async () => {
    const english: FakeUser = { ...adviser(), locale: "en-GB" };
    const page = [{ type: 18, component: { type: 4, custom_id: "t:date", value: "18/11" } }];
    const payload = modalSubmit(harness.fake.applicationId, english, guild(), "discord.page:Zm9yZ2Vk:1:activity", page);
    const done = harness.handled(String(payload.id));
    const record = harness.fake.interact(payload);
    await done;
    expect(record.original?.content).toBe(
      "This form is no longer open (more than 30 minutes went by, or the bot restarted): nothing was saved. Open it again to start over.",
    );
    expect(record.original!.flags & 64).toBe(64);
    expect(formsSeen()).toEqual([]);
    expect(harness.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
