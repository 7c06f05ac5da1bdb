// The whole events flow, end to end, on two channels:
// - the local web chat through its HTTP API (POST /api/local/messages, the inbox the page polls,
//   the file links), served by the real HTTP server;
// - Telegram through the fake Bot API server and the real grammY SDK.
// Everything runs in this process with the bot's clock under the test's control, so the reminder
// "1 day before" is sent when the clock gets there; what the bot sends on its own initiative goes
// through the outbox and the real delivery worker of each platform.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botViews } from "../../src/bot.ts";
import { createLocalDelivery } from "../../src/channels/local/adapter.ts";
import type { ChannelAdapter } from "../../src/core/channel.ts";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/delivery/worker.ts";
import { buildServer } from "../../src/http/server.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";
import { readWithPythonIcalendar } from "../support/real-readers.ts";

const TITLE = "Séminaire des conseillers numériques";
// Created on Monday 23 November 2026 at 10:00 Paris (the test bot's clock); the seminar is on Thursday 26th, 18:30.
const EVENT = {
  title: TITLE,
  type: "SEMINAR",
  date: "26/11/2026",
  start: "18h30",
  end: "21h",
  place: "Hôtel du Département, Montauban",
  onlineUrl: "",
  capacity: "1",
  waitlist: "yes",
  closes: "",
  roles: [],
  ficheActionId: "",
  questions: "",
};
const STARTS_AT = new Date("2026-11-26T17:30:00Z");
// Wednesday 25 November, 18:30 Paris: the "tomorrow" reminder is due.
const DAY_BEFORE = new Date("2026-11-25T17:30:00Z");

function worker(bot: TestBot, adapter: Pick<ChannelAdapter, "platform" | "deliver">): DeliveryWorker {
  return createDeliveryWorker({ db: bot.db.prisma, adapter, log: silentLog, now: bot.now, views: botViews });
}

async function eventId(bot: TestBot): Promise<string> {
  return (await bot.db.prisma.event.findFirstOrThrow({ where: { title: TITLE } })).id;
}

describe("the events flow on the local web chat (HTTP API)", () => {
  let bot: TestBot;
  let base: string;
  let close: () => Promise<void>;
  let sender: DeliveryWorker;

  beforeAll(async () => {
    bot = await createTestBot({ platforms: ["local"] });
    const app = await buildServer({
      database: bot.db,
      log: silentLog,
      local: { dispatch: bot.dispatch, networkSlug: "tarn-et-garonne", db: bot.db.prisma, now: bot.now },
      startedAt: new Date(),
      demo: true,
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    close = () => app.close();
    sender = worker(bot, createLocalDelivery(bot.db.prisma, { networkSlug: "tarn-et-garonne" }));
  });
  afterAll(async () => {
    await close?.();
    await bot?.close();
  });

  type LocalReply = {
    text: string;
    choices?: { id: string; label: string }[];
    files?: { name: string; mediaType: string; url?: string }[];
  };
  async function post(body: Record<string, unknown>): Promise<LocalReply[]> {
    const res = await fetch(`${base}/api/local/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { replies: LocalReply[] }).replies;
  }
  const text = (replies: LocalReply[]) => replies.map((r) => r.text).join("\n");
  const choice = (replies: LocalReply[], label: string) =>
    replies.flatMap((r) => r.choices ?? []).find((c) => c.label === label)?.id;
  async function inbox(user: string): Promise<string[]> {
    const res = await fetch(`${base}/api/local/inbox?user=${user}&since=2000-01-01T00:00:00Z`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { messages: { reply: { text: string } }[] }).messages.map((m) => m.reply.text);
  }

  it("create, register (.ics), wait-list, cancel, promotion told, reminder the day before, check-in, émargement", async () => {
    // The coordinator creates the evening with one place.
    const blank = await post({ user: "demo-coordinator", text: "événement créer" });
    expect(blank.some((r) => (r as { form?: { id: string } }).form?.id === "evtnew")).toBe(true);
    const created = await post({ user: "demo-coordinator", form: "evtnew", values: EVENT });
    expect(text(created)).toContain(`Événement « ${TITLE} » créé`);
    const id = await eventId(bot);

    // Member A sees it and registers: the confirmation carries the .ics, downloadable from its link.
    const list = await post({ user: "demo-adviser", text: "événements" });
    expect(text(list)).toContain(TITLE);
    const register = choice(list, "S’inscrire");
    expect(register).toBe(`evt.register:${id}`);
    const done = await post({ user: "demo-adviser", action: register });
    expect(text(done)).toContain(`C’est noté : vous êtes inscrit·e à « ${TITLE} »`);
    const ics = done.flatMap((r) => r.files ?? []).find((f) => f.mediaType === "text/calendar");
    expect(ics?.url).toBeDefined();
    const download = await fetch(`${base}${ics!.url}`);
    expect(download.status).toBe(200);
    const registeredIcs = new Uint8Array(await download.arrayBuffer());
    const vevent = new ICAL.Event(
      new ICAL.Component(ICAL.parse(new TextDecoder().decode(registeredIcs))).getFirstSubcomponent("vevent")!,
    );
    expect(vevent.uid).toBe(`${id}@partner-network-bot`);
    expect(vevent.startDate.toJSDate().toISOString()).toBe(STARTS_AT.toISOString());

    // Member B finds it full and is first on the waiting list.
    expect(text(await post({ user: "demo-cls", action: `evt.register:${id}` }))).toContain(
      "vous êtes 1re sur la liste d’attente",
    );

    // A gives up the place: B is promoted and told through the outbox, in the chat page's inbox.
    expect(text(await post({ user: "demo-adviser", action: `evt.unregister:${id}` }))).toContain(
      `Votre inscription à « ${TITLE} » est annulée`,
    );
    expect(await sender.runOnce()).toBe(1);
    const promoted = await inbox("demo-cls");
    expect(promoted).toEqual([
      expect.stringContaining(`Une place s’est libérée : vous êtes maintenant inscrit·e à « ${TITLE} »`),
    ]);
    expect(text(await post({ user: "demo-cls", text: "mes inscriptions" }))).toContain(`Inscrit·e : « ${TITLE} »`);

    // Nothing more until the clock reaches the day before, 18:30 Paris: then B's reminder, and none for A.
    bot.setNow(new Date(DAY_BEFORE.getTime() - 60_000));
    expect(await sender.runOnce()).toBe(0);
    bot.setNow(DAY_BEFORE);
    expect(await sender.runOnce()).toBe(1);
    const reminded = await inbox("demo-cls");
    expect(reminded).toHaveLength(2);
    expect(reminded[1]).toContain(`Rappel : « ${TITLE} », c’est demain`);
    expect(await inbox("demo-adviser")).toEqual([]);

    // ── Check-in and attendance sheet (émargement) ─────────────────────────────────────────────
    // On the day, 18:35: the coordinator opens the check-in list (its code), B checks in with
    // `présent <code>`, and the émargement lists B present at 18:35 (CSV downloaded from its link).
    bot.setNow(new Date(STARTS_AT.getTime() + 5 * 60_000));
    const ref = id.slice(0, 8);
    const attendance = text(await post({ user: "demo-coordinator", text: `événement ${ref} présences` }));
    const code = /Code de présence : (\d{6})/.exec(attendance)?.[1];
    expect(code).toBeDefined();
    expect(text(await post({ user: "demo-cls", text: `présent ${code}` }))).toContain(
      `Vous êtes noté·e présent·e à « ${TITLE} »`,
    );
    const sheet = await post({ user: "demo-coordinator", text: `événement ${ref} émargement` });
    const files = sheet.flatMap((r) => r.files ?? []);
    expect(files.map((f) => f.name.split(".").pop())).toEqual(["xlsx", "csv"]);
    const csv = await (await fetch(`${base}${files[1]!.url}`)).text();
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Camille Roques;.*;18:35;/);

    // ── Cancellation: B's "add to calendar" now gives the file that removes it from the calendar ──
    expect(text(await post({ user: "demo-coordinator", action: `evt.cancel-event:${id}` }))).toContain(TITLE);
    const calendar = (await post({ user: "demo-cls", action: `evt.calendar:${id}` }))
      .flatMap((r) => r.files ?? [])
      .find((f) => f.mediaType === "text/calendar");
    const cancellation = new Uint8Array(await (await fetch(`${base}${calendar!.url}`)).arrayBuffer());
    expect(new TextDecoder().decode(cancellation).endsWith("END:VCALENDAR\r\n")).toBe(true);
    // python-icalendar, a second reader: same UID, a higher SEQUENCE, METHOD:CANCEL, the network as organizer.
    const network = await bot.db.prisma.network.findUniqueOrThrow({ where: { id: bot.networkId } });
    const [published, cancelled] = await readWithPythonIcalendar([registeredIcs, cancellation]);
    expect(published).toMatchObject({
      method: "PUBLISH",
      errors: [],
      events: [
        {
          uid: `${id}@partner-network-bot`,
          status: "CONFIRMED",
          organizer: { name: network.name, address: "mailto:noreply@invalid" },
        },
      ],
    });
    expect(cancelled).toMatchObject({
      method: "CANCEL",
      errors: [],
      events: [{ uid: `${id}@partner-network-bot`, status: "CANCELLED", organizer: { name: network.name } }],
    });
    expect(cancelled!.events[0]!.sequence).toBeGreaterThan(published!.events[0]!.sequence);
  });
});

describe("the events flow on Telegram (fake Bot API server, grammY)", () => {
  let bot: TestBot;
  let telegram: TelegramHarness;
  let sender: DeliveryWorker;

  beforeAll(async () => {
    bot = await createTestBot({ platforms: ["local", "telegram"] });
    telegram = await createTelegramDriver(bot.dispatch);
    sender = worker(bot, telegram.adapter);
    // Three seeded members linked their Telegram account: the coordinator, A and B.
    for (const [person, local] of [
      ["coordinator", "demo-coordinator"],
      ["adviser", "demo-adviser"],
      ["cls", "demo-cls"],
    ] as const) {
      const member = await bot.db.prisma.member.findFirstOrThrow({
        where: { identities: { some: { platform: "local", externalId: local } } },
      });
      await bot.db.prisma.platformIdentity.create({
        data: {
          networkId: bot.networkId,
          memberId: member.id,
          platform: "telegram",
          externalId: telegram.externalId(person),
        },
      });
    }
  });
  afterAll(async () => {
    await telegram?.close();
    await bot?.close();
  });

  const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
  const inChat = (person: string, since: number) =>
    telegram.fake.sentMessages(telegram.user(person).id, since).map((m) => m.text ?? m.caption ?? "");

  it("create, register (.ics), wait-list, cancel, promotion told, reminder the day before, check-in, émargement", async () => {
    // Telegram has no forms: the coordinator answers the creation questions one by one (typed
    // values, or a button), and keeps the default of the others.
    const answers: Record<string, { type: string } | { press: string }> = {
      Titre: { type: TITLE },
      Type: { press: "Séminaire" },
      "Date (JJ/MM/AAAA)": { type: EVENT.date },
      "Heure de début": { type: EVENT.start },
      "Heure de fin": { type: EVENT.end },
      Lieu: { type: EVENT.place },
      "Nombre de places (vide : illimité)": { type: EVENT.capacity },
    };
    let step = await telegram.send("coordinator", "événement créer");
    for (let i = 0; i < 30 && !text(step).includes("créé"); i++) {
      const asked = step.map((r) => r.text.split("\n")[1] ?? "").find((label) => label in answers);
      const answer = asked === undefined ? undefined : answers[asked]!;
      const offered = step.flatMap((r) => r.choices);
      if (answer && "type" in answer) step = await telegram.send("coordinator", answer.type);
      else if (answer) step = await telegram.press("coordinator", answer.press);
      else if (offered.includes("Garder la valeur actuelle"))
        step = await telegram.press("coordinator", "Garder la valeur actuelle");
      else if (offered.includes("Suivant")) step = await telegram.press("coordinator", "Suivant");
      else break;
    }
    expect(text(step)).toContain(`Événement « ${TITLE} » créé`);
    const id = await eventId(bot);
    expect(await bot.db.prisma.event.findUniqueOrThrow({ where: { id } })).toMatchObject({
      type: "SEMINAR",
      capacity: 1,
      waitlist: true,
      startsAt: STARTS_AT,
    });

    // A registers with the button under the list; the .ics comes as a document.
    expect(text(await telegram.send("adviser", "événements"))).toContain(TITLE);
    const done = await telegram.press("adviser", "S’inscrire");
    expect(text(done)).toContain(`C’est noté : vous êtes inscrit·e à « ${TITLE} »`);
    const documents = telegram.fake.callsOf("sendDocument").filter((c) => c.status === 200);
    expect(documents.length).toBe(1);
    expect(documents[0]!.upload?.fileName).toMatch(/\.ics$/);

    // B is wait-listed.
    await telegram.send("cls", "événements");
    expect(text(await telegram.press("cls", "S’inscrire"))).toContain("vous êtes 1re sur la liste d’attente");

    // A cancels; the delivery worker sends B the promotion through the fake Telegram.
    expect(text(await telegram.press("adviser", "Annuler mon inscription"))).toContain(
      `Votre inscription à « ${TITLE} » est annulée`,
    );
    const mark = telegram.fake.calls.length;
    expect(await sender.runOnce()).toBe(1);
    expect(inChat("cls", mark)).toEqual([
      expect.stringContaining(`Une place s’est libérée : vous êtes maintenant inscrit·e à « ${TITLE} »`),
    ]);

    // The day before at 18:30 Paris, B's reminder; A gets none.
    bot.setNow(new Date(DAY_BEFORE.getTime() - 60_000));
    expect(await sender.runOnce()).toBe(0);
    const beforeReminder = telegram.fake.calls.length;
    bot.setNow(DAY_BEFORE);
    expect(await sender.runOnce()).toBe(1);
    expect(inChat("cls", beforeReminder)).toEqual([expect.stringContaining(`Rappel : « ${TITLE} », c’est demain`)]);
    expect(inChat("adviser", beforeReminder)).toEqual([]);

    // ── Check-in and attendance sheet (émargement) ─────────────────────────────────────────────
    // On the day, 18:35: the coordinator presses B's presence button, then the sheet's button.
    bot.setNow(new Date(STARTS_AT.getTime() + 5 * 60_000));
    expect(text(await telegram.send("coordinator", `événement ${id.slice(0, 8)} présences`))).toMatch(
      /Code de présence : \d{6}/,
    );
    expect(text(await telegram.press("coordinator", "✓ Camille Roques"))).toContain(
      "Noté : Camille Roques est présent·e.",
    );
    const sheets = telegram.fake.callsOf("sendDocument").length;
    await telegram.press("coordinator", "Feuille d’émargement");
    // Successful uploads only: the fake's rate limits may refuse one with a 429 that the adapter retries.
    const sent = telegram.fake
      .callsOf("sendDocument")
      .slice(sheets)
      .filter((c) => c.status === 200);
    expect(sent.map((c) => c.upload?.fileName.split(".").pop())).toEqual(["xlsx", "csv"]);
    const csv = Buffer.from(sent[1]!.upload!.bytes).toString("utf8").split("\r\n").filter(Boolean);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^Camille Roques;.*;18:35;/);
  });
});
