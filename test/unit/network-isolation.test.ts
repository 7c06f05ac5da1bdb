// Issue 13: two networks in one database, the demo Tarn-et-Garonne (82) and Charente-Maritime (17)
// set up with the command line. Members of both register, report, broadcast, export; then a member
// of one never sees, counts or exports anything of the other.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalDelivery } from "../../src/channels/local/adapter.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { buildServer } from "../../src/http/server.ts";
import { action, choiceIds, createTestBot, type Speaker, silentLog, type TestBot } from "../support/bot.ts";
import { SLUG_17, setUpCharenteMaritime } from "../support/department-17.ts";
import {
  adviser17,
  broadcastForm,
  choiceOf,
  coordinator17,
  eventForm,
  indicatorValues,
  joinCharenteMaritime,
  joined,
  reportActivity,
} from "./network-isolation-support.ts";

let bot: TestBot;
let network17: string;
let alone82: Record<string, number>;
let board82: string;
let app82: Awaited<ReturnType<typeof buildServer>>;
let app17: Awaited<ReturnType<typeof buildServer>>;

const text = async (who: string | Speaker, input: Parameters<TestBot["send"]>[1]) => joined(await bot.send(who, input));
const names = async (networkId: string) =>
  (await bot.db.prisma.member.findMany({ where: { networkId }, select: { displayName: true } })).map(
    (m) => m.displayName,
  );
const localUsers = async (networkId: string) =>
  (
    await bot.db.prisma.platformIdentity.findMany({
      where: { networkId, platform: "local" },
      select: { externalId: true },
    })
  ).map((i) => i.externalId);
const server = (networkSlug: string) =>
  buildServer({
    database: bot.db,
    log: silentLog,
    local: { dispatch: bot.dispatch, networkSlug, db: bot.db.prisma, now: bot.now },
    startedAt: new Date(),
    demo: true,
  });
const deliverLocalOutbox = () =>
  createDeliveryWorker({
    db: bot.db.prisma,
    adapter: createLocalDelivery(bot.db.prisma),
    log: silentLog,
    now: bot.now,
  }).runOnce();

beforeAll(async () => {
  bot = await createTestBot();
  // The 82 works alone first: what it counts then is what it must still count with the 17 beside it.
  await reportActivity(bot, "demo-adviser", "activité atelier 8 pers 2h Montech smartphone hier");
  expect(
    await text(
      "demo-coordinator",
      eventForm("Séminaire des conseillers numériques", "30/11/2026", "Hôtel du Département, Montauban"),
    ),
  ).toContain("créé");
  await bot.send(
    "demo-adviser",
    action(`evt.register:${(await bot.db.prisma.event.findFirstOrThrow({ where: { networkId: bot.networkId } })).id}`),
  );
  alone82 = await indicatorValues(bot, bot.networkId);
  board82 = await text("demo-coordinator", "indicateurs");

  network17 = await setUpCharenteMaritime(bot.db);
  await joinCharenteMaritime(bot);
  expect(await text(coordinator17, eventForm("Forum santé de La Rochelle", "27/11/2026", "Espace Encan"))).toContain(
    "Événement « Forum santé de La Rochelle » créé",
  );
  await bot.send(
    adviser17,
    action(`evt.register:${(await bot.db.prisma.event.findFirstOrThrow({ where: { networkId: network17 } })).id}`),
  );
  await reportActivity(
    bot,
    adviser17,
    "activité atelier 5 pers 1h30 La Rochelle tablette hier",
    "Autre lieu (La Rochelle)",
  );
  app82 = await server("tarn-et-garonne");
  app17 = await server(SLUG_17);
});
afterAll(async () => {
  await app82?.close();
  await app17?.close();
  await bot?.close();
});

describe("two networks in one database", () => {
  it("members: each coordinator's list names only the members of their own network", async () => {
    const list17 = await text(coordinator17, "membres");
    const list82 = await text("demo-coordinator", "membres");
    expect(list17).toContain("Lucie Martin");
    for (const name of await names(bot.networkId)) expect(list17).not.toContain(name);
    for (const name of await names(network17)) expect(list82).not.toContain(name);
  });

  it("events: each sees only their network's events, and cannot register for the other's by its id", async () => {
    const events82 = await bot.db.prisma.event.findMany({ where: { networkId: bot.networkId } });
    expect(events82.length).toBeGreaterThan(0);
    const seen17 = await text(adviser17, "événements");
    expect(seen17).toContain("Forum santé de La Rochelle");
    for (const event of events82) expect(seen17).not.toContain(event.title);
    expect(await text("demo-adviser", "événements")).not.toContain("Forum santé de La Rochelle");

    const foreign = events82[0]!;
    await bot.send(adviser17, action(`evt.register:${foreign.id}`));
    const lucie = await bot.db.prisma.platformIdentity.findFirstOrThrow({
      where: { platform: "local", externalId: adviser17.user },
    });
    expect(
      await bot.db.prisma.eventRegistration.count({ where: { memberId: lucie.memberId, eventId: foreign.id } }),
    ).toBe(0);
    const forum = await bot.db.prisma.event.findFirstOrThrow({ where: { networkId: network17 } });
    await bot.send("demo-adviser", action(`evt.register:${forum.id}`));
    expect(
      await bot.db.prisma.eventRegistration.findMany({ where: { eventId: forum.id }, select: { memberId: true } }),
    ).toEqual([{ memberId: lucie.memberId }]);
  });

  it("reports: « mes activités » and the export hold only the network's own activities", async () => {
    const mine = await text(adviser17, "mes activités");
    expect(mine).toContain(
      "Vos derniers comptes rendus (1) :\n1. dim. 22 nov. 2026 — Atelier collectif — 1 h 30 — 5 pers.",
    );
    expect(await text("demo-adviser", "mes activités")).not.toContain("1 h 30 — 5 pers.");
    const csv = await bot.send(coordinator17, "export 2026 csv");
    expect(csv[0]!.text).toBe(
      "Export 01/01/2026 – 23/11/2026, Réseau des partenaires de la Charente-Maritime : 1 activité, 43 indicateurs.",
    );
    const rows = parse(Buffer.from(csv[0]!.files![0]!.content!).toString("utf8"), {
      delimiter: ";",
      bom: true,
    }) as string[][];
    expect(rows.slice(1).map((r) => [r[1], r[6]])).toEqual([["Lucie Martin", "La Rochelle"]]);

    const count82 = await bot.db.prisma.activityReport.count({
      where: { networkId: bot.networkId, date: { gte: new Date("2026-01-01"), lte: new Date("2026-11-23") } },
    });
    const csv82 = await bot.send("demo-coordinator", "export 2026 csv");
    const rows82 = parse(Buffer.from(csv82[0]!.files![0]!.content!).toString("utf8"), {
      delimiter: ";",
      bom: true,
    }) as string[][];
    expect(rows82).toHaveLength(count82 + 1);
    expect(rows82.filter((r) => r[1] === "Lucie Martin" || r[6] === "La Rochelle")).toEqual([]);
  });

  it("indicators: the 82's are what it computed alone; the 17's count only the 17's work", async () => {
    expect(await indicatorValues(bot, bot.networkId)).toEqual(alone82);
    expect(await text("demo-coordinator", "indicateurs")).toBe(board82);
    const mine = await indicatorValues(bot, network17);
    expect(mine["5-2 Activités des accompagnateurs numériques"]).toBe(1);
    expect(mine["5-2 Personnes accompagnées dans les lieux de médiation"]).toBe(5);
    expect(mine["5-4 Médiateurs numériques du réseau"]).toBe(1);
    expect(Object.entries(mine).filter(([, v]) => v !== 0)).toHaveLength(4);
  });

  it("files: each export is kept for its own network, and the other network's web chat will not serve it", async () => {
    const post = (app: typeof app82, user: string) =>
      app.inject({ method: "POST", url: "/api/local/messages", payload: { user, text: "export 2026" } });
    const url17: string = (await post(app17, coordinator17.user)).json().replies[0].files[0].url;
    const url82: string = (await post(app82, "demo-coordinator")).json().replies[0].files[0].url;
    const idOf = (url: string) => /files\/([0-9a-f-]{36})\//.exec(url)![1]!;
    const marie = await bot.db.prisma.platformIdentity.findFirstOrThrow({
      where: { platform: "local", externalId: coordinator17.user },
    });
    expect(
      await bot.db.prisma.generatedFile.findUniqueOrThrow({
        where: { id: idOf(url17) },
        select: { networkId: true, memberId: true },
      }),
    ).toEqual({ networkId: network17, memberId: marie.memberId });
    expect((await bot.db.prisma.generatedFile.findUniqueOrThrow({ where: { id: idOf(url82) } })).networkId).toBe(
      bot.networkId,
    );

    expect((await app17.inject({ method: "GET", url: url17 })).statusCode).toBe(200);
    expect((await app82.inject({ method: "GET", url: url17 })).statusCode).toBe(404);
    expect((await app17.inject({ method: "GET", url: url82 })).statusCode).toBe(404);
  });

  it("broadcasts: a segment of the other network's territory or organisation is refused; a broadcast reaches only its network", async () => {
    const montech = await bot.db.prisma.territory.findFirstOrThrow({
      where: { networkId: bot.networkId, name: "Montech" },
    });
    const organisation82 = await bot.db.prisma.organisation.findFirstOrThrow({ where: { networkId: bot.networkId } });
    for (const values of [{ territory: montech.id }, { organisation: organisation82.id }] as Record<string, string>[]) {
      const refused = await bot.send(coordinator17, broadcastForm("Réunion du réseau jeudi", values));
      expect(choiceIds(refused).filter((id) => id.startsWith("bc.confirm:"))).toEqual([]);
    }

    const preview = await bot.send(
      coordinator17,
      broadcastForm("Réunion du réseau inclusion numérique jeudi à La Rochelle"),
    );
    await bot.send(coordinator17, action(choiceOf(preview, "Envoyer")));
    const preview82 = await bot.send(
      "demo-coordinator",
      broadcastForm("Séminaire des conseillers numériques à Montauban"),
    );
    await bot.send("demo-coordinator", action(choiceOf(preview82, "Envoyer")));

    const outbox = await bot.db.prisma.outboundMessage.findMany({ where: { category: "broadcast" } });
    expect(outbox.length).toBeGreaterThan(2);
    const networkOf = new Map(
      (await bot.db.prisma.member.findMany({ select: { id: true, networkId: true } })).map((m) => [m.id, m.networkId]),
    );
    for (const row of outbox) expect(networkOf.get(row.memberId!)).toBe(row.networkId);
    expect(
      outbox
        .filter((r) => r.networkId === network17)
        .map((r) => r.targetId)
        .sort(),
    ).toEqual([adviser17.user, coordinator17.user].sort());
  });

  it("inbox: delivered messages land only in their own members' inboxes, and the other web chat will not read them", async () => {
    await deliverLocalOutbox();
    const users17 = await localUsers(network17);
    const users82 = await localUsers(bot.networkId);
    const inbox = await bot.db.prisma.localInboxMessage.findMany();
    const about17 = inbox.filter((m) => JSON.stringify(m.payload).includes("La Rochelle"));
    expect(about17.map((m) => m.userId).sort()).toEqual(users17.sort());
    for (const message of inbox.filter((m) => JSON.stringify(m.payload).includes("Montauban")))
      expect(users82).toContain(message.userId);

    const page = (app: typeof app82, user: string) =>
      app
        .inject({ method: "GET", url: `/api/local/inbox?user=${user}&since=2000-01-01T00:00:00Z` })
        .then((r) => r.json().messages as unknown[]);
    expect(await page(app17, adviser17.user)).toHaveLength(1);
    expect((await page(app82, "demo-coordinator")).length).toBeGreaterThan(0);
    // Asked on the other network's web chat, the inbox is refused (403), with a sentence.
    const refused = (app: typeof app82, user: string) =>
      app.inject({ method: "GET", url: `/api/local/inbox?user=${user}&since=2000-01-01T00:00:00Z` });
    for (const [app, user] of [
      [app82, adviser17.user],
      [app17, "demo-coordinator"],
    ] as const) {
      const res = await refused(app, user);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("other_network");
    }
  });
});
