// Issue 13, proven end to end from an empty database (no demo seed): Charente-Maritime sets up its
// network with the administration command line (geography, plan file, ten organisations), its first
// coordinator joins with the command line's invitation on the local web chat and on Telegram (real
// grammY against the fake Bot API), invites an adviser from the chat, the adviser reports an activity
// in La Rochelle on Telegram, and the coordinator's indicators and COPIL export count it.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import type { Input } from "../../src/core/inbound.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { action, choiceIds, inbound, type Speaker, silentLog } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { inviteFromCommandLine, NAME_17, SLUG_17, setUpCharenteMaritime } from "../support/department-17.ts";

const choiceOf = (replies: Reply[], label: string): string => {
  const found = replies.flatMap((r) => r.choices ?? []).find((c) => c.label === label);
  if (!found) throw new Error(`no choice “${label}” in ${JSON.stringify(replies.map((r) => r.text))}`);
  return found.id;
};
const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
const NOW = new Date("2026-11-23T09:00:00Z");

describe("a department sets itself up from an empty database and its members' work is counted", () => {
  let db: TestDatabase;
  let dispatch: Dispatch;
  let telegram: TelegramHarness | undefined;
  let networkId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dispatch = createBot(db.prisma, silentLog, {
      now: () => NOW,
      platforms: ["local", "telegram"],
      botUsername: (p) => (p === "telegram" ? telegram?.adapter.botUsername?.() : undefined),
    });
    telegram = await createTelegramDriver(dispatch);
  });
  afterAll(async () => {
    await telegram?.close();
    await db?.destroy();
  });

  const tg = () => telegram!;
  // The web chat of a deployment with LOCAL_NETWORK=charente-maritime: its scope is the network's slug.
  const web: Speaker = { user: "marie.leroy", name: "Marie Leroy", scope: SLUG_17 };
  const onWeb = (input: string | Input): Promise<Reply[]> => dispatch(inbound(web, input, NOW));
  const memberOnTelegram = (person: string) =>
    db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "telegram", externalId: tg().externalId(person) } } },
    });

  it("the database starts empty: no network, no member", async () => {
    expect(await db.prisma.network.count()).toBe(0);
    expect(await db.prisma.member.count()).toBe(0);
  });

  it("the command line creates the network of the 17 with its communes, its plan and its ten organisations", async () => {
    networkId = await setUpCharenteMaritime(db);
    const larochelle = await db.prisma.territory.findFirstOrThrow({
      where: { networkId, kind: "COMMUNE", code: "17300" },
    });
    expect(larochelle.name).toBe("La Rochelle");
    expect(await db.prisma.organisation.count({ where: { networkId } })).toBe(10);
    expect(await db.prisma.indicator.count({ where: { networkId } })).toBeGreaterThan(30);
  });

  it("the first coordinator joins with the command line's invitation on the web chat, then on Telegram", async () => {
    const { code, out } = await inviteFromCommandLine(db, [
      SLUG_17,
      "--role",
      "NETWORK_COORDINATOR",
      "--uses",
      "2",
      "--days",
      "7",
    ]);
    expect(out).toContain(`/start inv-${code}`);

    const welcome = await onWeb(`rejoindre ${code}`);
    expect(welcome[0]!.text).toBe(
      `Bienvenue dans le réseau « ${NAME_17} » ! Vous le rejoignez comme coordinateur du réseau.`,
    );
    const organisations = await onWeb(action("onb:language:fr"));
    const territories = await onWeb(action(choiceOf(organisations, "Département de la Charente-Maritime")));
    expect(text(await onWeb(action(choiceOf(territories, "Charente-Maritime"))))).toContain(
      "Votre rôle : coordinateur du réseau.",
    );

    const first = await tg().send("paul", `/start inv-${code}`);
    expect(text(first)).toContain(`Bienvenue dans le réseau « ${NAME_17} »`);
    await tg().press("paul", "Français");
    await tg().press("paul", "Département de la Charente-Maritime");
    expect(text(await tg().press("paul", "Charente-Maritime"))).toContain("Votre rôle : coordinateur du réseau.");
    expect(await memberOnTelegram("paul")).toMatchObject({
      networkId,
      roles: ["NETWORK_COORDINATOR"],
      status: "ACTIVE",
    });
    const onWebChat = await db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: web.user } } },
    });
    expect(onWebChat).toMatchObject({ networkId, roles: ["NETWORK_COORDINATOR"], status: "ACTIVE" });
  });

  it("the coordinator invites an adviser from the chat; the adviser joins on Telegram", async () => {
    const invited = text(await onWeb("inviter conseiller numérique"));
    expect(invited).toContain("Invitation comme conseiller numérique : 1 utilisation");
    const code = /Code ?: ([A-Za-z0-9_-]{16})/.exec(invited)![1]!;
    expect(text(await tg().send("lucie", `/start inv-${code}`))).toContain(
      "Vous le rejoignez comme conseiller numérique.",
    );
    await tg().press("lucie", "Français");
    await tg().press("lucie", "Médiathèque Michel-Crépeau");
    expect(text(await tg().press("lucie", "CA de La Rochelle"))).toContain("Votre rôle : conseiller numérique.");
    expect(await memberOnTelegram("lucie")).toMatchObject({ networkId, roles: ["DIGITAL_ADVISER"], status: "ACTIVE" });
  });

  it("the adviser reports a workshop in La Rochelle on Telegram", async () => {
    const draft = await tg().send("lucie", "activité atelier 8 pers 2h La Rochelle smartphone hier");
    expect(text(draft)).toContain("« Rochelle » peut se lire de plusieurs façons : laquelle est la bonne ?");
    // The commune, not the hospital or the intercommunality that share its name.
    expect(text(await tg().press("lucie", "Autre lieu (La Rochelle)"))).toContain("Lieu : Autre lieu (La Rochelle)");
    expect(text(await tg().press("lucie", "Confirmer"))).toBe(
      "Activité enregistrée : dim. 22 nov. 2026 — Atelier collectif — 2 h — 8 pers. — Prendre en main du matériel. Merci !",
    );
    const larochelle = await db.prisma.territory.findFirstOrThrow({
      where: { networkId, kind: "COMMUNE", code: "17300" },
    });
    const lucie = await memberOnTelegram("lucie");
    expect(await db.prisma.activityReport.findMany({ where: { networkId } })).toEqual([
      expect.objectContaining({
        memberId: lucie.id,
        kind: "COLLECTIVE",
        participants: 8,
        durationMin: 120,
        territoryId: larochelle.id,
        date: new Date("2026-11-22T00:00:00Z"),
      }),
    ]);
  });

  it("the coordinator's indicators count it, and the COPIL export contains it, in XLSX and in CSV", async () => {
    const board = text(await onWeb("indicateurs"));
    expect(board).toContain("— Activités des accompagnateurs numériques : 1 accompagnements · pas de cible chiffrée");
    expect(board).toContain(
      "— Ateliers collectifs des accompagnateurs numériques : 1 ateliers · pas de cible chiffrée",
    );
    expect(board).toContain(
      "— Personnes accompagnées dans les lieux de médiation : 8 personnes · pas de cible chiffrée",
    );
    // A unit typed in the plan file is shown as typed (« programmes » is no key of the bot's own units).
    expect(board).toContain(
      "— Programmes d'actions répondant aux enjeux d'accessibilité aux services de santé (plan 2018–2024) : 0 programmes · pas de cible chiffrée",
    );

    const xlsx = await onWeb("export 2026");
    expect(xlsx[0]!.text).toBe(`Export 01/01/2026 – 23/11/2026, ${NAME_17} : 1 activité, 43 indicateurs.`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.flatMap((r) => r.files ?? [])[0]!.content!) as unknown as ArrayBuffer);
    const rowsOf = (name: string) => {
      const rows: unknown[][] = [];
      workbook
        .getWorksheet(name)!
        .eachRow((row) =>
          rows.push(
            (row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "result" in v ? v.result : v)),
          ),
        );
      return rows;
    };
    const sheetActivities = rowsOf("Activités");
    expect(sheetActivities).toHaveLength(2);
    expect(sheetActivities[1]).toEqual(
      expect.arrayContaining(["Lucie Test", "Atelier collectif", "La Rochelle", "CA de La Rochelle", 8]),
    );
    const summary = rowsOf("Synthèse");
    const valueIn = (rows: unknown[][], label: string) => rows.find((r) => r[3] === label)?.[4];
    expect(valueIn(summary, "Activités des accompagnateurs numériques")).toBe(1);
    expect(valueIn(summary, "Ateliers collectifs des accompagnateurs numériques")).toBe(1);
    expect(valueIn(summary, "Personnes accompagnées dans les lieux de médiation")).toBe(8);

    const csv = await onWeb("export 2026 csv");
    const [activities, indicators] = csv
      .flatMap((r) => r.files ?? [])
      .map((f) => parse(Buffer.from(f.content!).toString("utf8"), { delimiter: ";", bom: true }) as string[][]);
    expect(activities).toHaveLength(2);
    expect(activities![1]!.slice(0, 9)).toEqual([
      "2026-11-22",
      "Lucie Test",
      "Atelier collectif",
      "120",
      "Autre lieu",
      "",
      "La Rochelle",
      "CA de La Rochelle",
      "8",
    ]);
    expect(valueIn(indicators!, "Activités des accompagnateurs numériques")).toBe("1");
    expect(valueIn(indicators!, "Personnes accompagnées dans les lieux de médiation")).toBe("8");
  });
});
