import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkInCodeOf } from "../../src/features/events/attendance.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { choiceByLabel, memberId } from "./activity-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
  bot.setNow(new Date("2026-11-23T09:00:00Z"));
});

// The seminar of insertEvent: 10 December 2026, 14:00–17:00 Paris.
const DURING = new Date("2026-12-10T13:10:00Z");
const ref = (id: string) => id.slice(0, 8);
const choices = (replies: { choices?: { id: string; label: string }[] }[]) => replies.flatMap((r) => r.choices ?? []);

async function registered(
  who: string,
  eventId: string,
  data: { status?: "REGISTERED" | "WAITLISTED"; checkedInAt?: Date; answers?: object } = {},
) {
  return bot.db.prisma.eventRegistration.create({
    data: {
      networkId: bot.networkId,
      eventId,
      memberId: await memberId(bot, who),
      status: data.status ?? "REGISTERED",
      checkedInAt: data.checkedInAt ?? null,
      answers: data.answers ?? {},
    },
  });
}

describe("the organiser's check-in list", () => {
  it("✓ marks a registrant present with the time, ↩ undoes it, and the count follows", async () => {
    const event = await insertEvent(bot);
    await bot.send("demo-adviser", action(`evt.register:${event.id}`));
    await bot.send("demo-partner", action(`evt.register:${event.id}`));
    bot.setNow(DURING);
    const list = await bot.send("demo-coordinator", `événement ${ref(event.id)} présences`);
    const code = (await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).checkInCode!;
    expect(code).toMatch(/^\d{6}$/);
    expect(list[0]!.text).toContain(`Code de présence : ${code}. Les participants envoient « présent ${code} »`);
    expect(list[0]!.text).toContain("Présents : 0 / 2 inscrits");
    const checkIn = choiceByLabel(list, "✓ Julien Carrère");
    const after = await bot.text("demo-coordinator", action(checkIn));
    expect(after).toContain("Noté : Julien Carrère est présent·e.");
    expect(after).toContain("Présents : 1 / 2 inscrits");
    expect(after).toMatch(/✅ Julien Carrère \(.+\) — arrivé·e à 14:10/);
    const undo = choiceByLabel(
      await bot.send("demo-coordinator", `événement ${ref(event.id)} présences`),
      "↩ Julien Carrère",
    );
    expect(undo).toBe(checkIn);
    const undone = await bot.text("demo-coordinator", action(undo));
    expect(undone).toContain("Julien Carrère n’est plus noté·e présent·e.");
    expect(undone).toContain("Présents : 0 / 2 inscrits");
    // The code stays the same from one view to the next.
    expect(undone).toContain(`Code de présence : ${code}.`);
  });

  it("is refused to a member who does not organise events, saying who may, and the press is audited", async () => {
    const event = await insertEvent(bot);
    const reg = await registered("demo-adviser", event.id);
    expect(await bot.text("demo-adviser", action(`evt.check-in:${reg.id}:0`))).toMatch(
      /^Cette commande est réservée aux coordinateurs du réseau/,
    );
    const adviser = await bot.db.prisma.platformIdentity.findFirstOrThrow({ where: { externalId: "demo-adviser" } });
    const denied = await bot.db.prisma.auditLog.findFirstOrThrow({
      where: { networkId: bot.networkId, action: "action:evt.check-in", outcome: "denied" },
    });
    expect(denied).toMatchObject({
      actorMemberId: adviser.memberId,
      details: { roles: ["DIGITAL_ADVISER"], platform: "local" },
    });
    expect(await bot.text("demo-adviser", `événement ${ref(event.id)} présences`)).not.toContain("Code de présence");
    expect((await bot.db.prisma.eventRegistration.findUniqueOrThrow({ where: { id: reg.id } })).checkedInAt).toBeNull();
  });

  it("the registrants view offers Présences and the sheet, and counts the present once the event has started", async () => {
    const event = await insertEvent(bot);
    await registered("demo-adviser", event.id, { checkedInAt: DURING });
    await registered("demo-partner", event.id);
    const before = await bot.send("demo-coordinator", `événement ${ref(event.id)} inscrits`);
    expect(before[0]!.text).not.toContain("Présents :");
    expect(choiceByLabel(before, "Présences")).toBe(`evt.attendance:${event.id}`);
    expect(choiceByLabel(before, "Feuille d’émargement")).toBe(`evt.sheet:${event.id}`);
    bot.setNow(DURING);
    expect(await bot.text("demo-coordinator", `événement ${ref(event.id)} inscrits`)).toContain(
      "Présents : 1 / 2 inscrits",
    );
  });

  it("a long list comes 20 at a time, with Previous and Next, and a toggle keeps its page", async () => {
    const event = await insertEvent(bot);
    const people = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        bot.db.prisma.member.create({
          data: {
            networkId: bot.networkId,
            displayName: `Participant ${String(i + 1).padStart(2, "0")}`,
            roles: ["PARTNER"],
            status: "ACTIVE",
          },
        }),
      ),
    );
    await bot.db.prisma.eventRegistration.createMany({
      data: people.map((m) => ({
        networkId: bot.networkId,
        eventId: event.id,
        memberId: m.id,
        status: "REGISTERED" as const,
      })),
    });
    const first = await bot.send("demo-coordinator", action(`evt.attendance:${event.id}`));
    expect(choices(first).length).toBeLessThanOrEqual(25);
    expect(choices(first).filter((c) => c.id.startsWith("evt.check-in:"))).toHaveLength(20);
    expect(first[0]!.text).toContain("Page 1 sur 3 (inscrits 1 à 20");
    expect(choiceByLabel(first, "Suivants ▶")).toBe(`evt.attendance:${event.id}:1`);
    const last = await bot.send("demo-coordinator", action(`evt.attendance:${event.id}:2`));
    expect(last[0]!.text).toContain("Page 3 sur 3 (inscrits 41 à 45");
    expect(
      choices(last)
        .filter((c) => c.id.startsWith("evt.check-in:"))
        .map((c) => c.label),
    ).toEqual(["✓ Participant 41", "✓ Participant 42", "✓ Participant 43", "✓ Participant 44", "✓ Participant 45"]);
    expect(choiceByLabel(last, "◀ Précédents")).toBe(`evt.attendance:${event.id}:1`);
    const toggled = await bot.send("demo-coordinator", action(choiceByLabel(last, "✓ Participant 43")));
    expect(toggled[0]!.text).toContain("Page 3 sur 3");
    expect(toggled[0]!.text).toContain("Présents : 1 / 45 inscrits");
    expect(choiceByLabel(toggled, "↩ Participant 43")).toMatch(/^evt.check-in:.+:2$/);
  });
});

describe("the check-in code", () => {
  it("is drawn once, and drawn again when another event of the network holds it", async () => {
    const first = await insertEvent(bot, { checkInCode: "1234" });
    const second = await insertEvent(bot, { title: "World café" });
    const draws = ["1234", "5678"];
    expect(await checkInCodeOf(bot.db.prisma, second, () => draws.shift()!)).toBe("5678");
    expect(await checkInCodeOf(bot.db.prisma, { id: second.id, checkInCode: null }, () => "9999")).toBe("5678");
    expect((await bot.db.prisma.event.findUniqueOrThrow({ where: { id: first.id } })).checkInCode).toBe("1234");
  });

  it("checks a registrant in, then says they already are", async () => {
    const event = await insertEvent(bot, { checkInCode: "4821" });
    await registered("demo-adviser", event.id);
    bot.setNow(DURING);
    expect(await bot.text("demo-adviser", "présent 4821")).toBe(
      "Bienvenue ! Vous êtes noté·e présent·e à « Séminaire des conseillers numériques ».",
    );
    bot.setNow(new Date("2026-12-10T13:30:00Z"));
    expect(await bot.text("demo-adviser", "présent 4821")).toContain(
      "Vous êtes déjà noté·e présent·e à « Séminaire des conseillers numériques » (arrivée à 14:10)",
    );
    const row = await bot.db.prisma.eventRegistration.findFirstOrThrow({ where: { eventId: event.id } });
    expect(row.checkedInAt).toEqual(DURING);
  });

  it("registers and checks in a walk-in when there is room, and a waiting member when a place is free", async () => {
    const event = await insertEvent(bot, { checkInCode: "4821", capacity: 3 });
    await registered("demo-cls", event.id);
    await registered("demo-partner", event.id, { status: "WAITLISTED" });
    bot.setNow(DURING);
    expect(await bot.text("demo-adviser", "présent 4821")).toContain(
      "Vous n’étiez pas inscrit·e à « Séminaire des conseillers numériques », mais il restait de la place",
    );
    expect(await bot.text("demo-partner", "présent 4821")).toContain(
      "Vous étiez sur la liste d’attente de « Séminaire des conseillers numériques » et une place est libre",
    );
    const rows = await bot.db.prisma.eventRegistration.findMany({
      where: { eventId: event.id, status: "REGISTERED", checkedInAt: { not: null } },
    });
    expect(rows).toHaveLength(2);
    // Now full: the next one is sent to the organiser.
    expect(await bot.text("demo-intern", "present 4821")).toContain("is full and you have no place");
  });

  it("sends to the organiser a member outside the audience, and refuses wrong, early and expired codes", async () => {
    const event = await insertEvent(bot, { checkInCode: "4821", audienceRoles: ["INTERN"] });
    await insertEvent(bot, { checkInCode: "7777", title: "Annulé", status: "CANCELLED" });
    bot.setNow(DURING);
    expect(await bot.text("demo-adviser", "présent 4821")).toContain(
      "est réservé à un autre public et vous n’y êtes pas inscrit·e : voyez l’organisateur",
    );
    expect(await bot.text("demo-adviser", "présent 1111")).toContain("Je ne reconnais pas le code 1111");
    expect(await bot.text("demo-adviser", "présent 7777")).toContain("Je ne reconnais pas le code 7777");
    expect(await bot.text("demo-adviser", "présent")).toContain("tapez « présent » suivi du code à 6 chiffres");
    bot.setNow(new Date("2026-12-10T10:30:00Z"));
    expect(await bot.text("demo-intern", "present 4821")).toContain("only works from 2 hours before the start");
    bot.setNow(new Date("2026-12-11T04:30:00Z"));
    expect(await bot.text("demo-intern", "present 4821")).toContain("ended more than 12 hours ago");
    expect(await bot.db.prisma.eventRegistration.count({ where: { eventId: event.id } })).toBe(0);
    bot.setNow(new Date("2026-12-10T11:30:00Z"));
    expect(await bot.text("demo-intern", "present 4821")).toContain("you are now registered and marked present");
  });
});

describe("the émargement export", () => {
  it("comes as an XLSX to print and a CSV for French Excel, with the same columns, that real readers open", async () => {
    const event = await insertEvent(bot, { questions: [{ id: "q1", label: "Régime alimentaire" }] });
    await registered("demo-adviser", event.id, { answers: { q1: "végétarien" } });
    await registered("demo-partner", event.id, { checkedInAt: DURING });
    await registered("demo-cls", event.id, { status: "WAITLISTED" });
    const [reply] = await bot.send("demo-coordinator", `événement ${ref(event.id)} émargement`);
    expect(reply!.text).toContain(
      "Feuille d’émargement de « Séminaire des conseillers numériques » : 2 inscrits dont 1 présents, 1 en liste d’attente.",
    );
    const [xlsx, csv] = reply!.files!;
    expect(xlsx!.name).toBe("emargement-seminaire-des-conseillers-numeriques-2026-12-10.xlsx");
    expect(csv!.name).toBe("emargement-seminaire-des-conseillers-numeriques-2026-12-10.csv");
    expect(csv!.mediaType).toBe("text/csv");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx!.content!) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Émargement")!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => v ?? "");
    expect(values(1)).toEqual(["Séminaire des conseillers numériques"]);
    expect(values(2)[0]).toBe("jeudi 10 décembre 2026, 14:00–17:00");
    expect(values(3)[0]).toBe("Hôtel du Département, Montauban");
    const header = ["Nom", "Structure", "Rôle", "Inscription", "Présent·e (heure)", "Régime alimentaire", "Signature"];
    expect(values(6)).toEqual(header);
    const table = [7, 8, 9].map((n) => values(n));
    expect(table.map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
      ["Isabelle Fabre", "inscrit·e", "14:10", ""],
      ["Julien Carrère", "inscrit·e", "", "végétarien"],
      ["Camille Roques", "liste d’attente (1re)", "", ""],
    ]);
    expect(table[1]![2]).toBe("conseiller numérique");
    expect(sheet.rowCount).toBe(9);

    const bytes = Buffer.from(csv!.content!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\n");
    const records = parse(bytes, { bom: true, delimiter: ";" }) as string[][];
    expect(records[0]).toEqual(header);
    // The CSV's rows are the workbook's table, cell for cell (the signature stays empty).
    expect(records.slice(1)).toEqual(table.map((r) => [...r, ...Array(header.length - r.length).fill("")]));
  });

  it("the sheet's button gives the same files, in English for an English-speaking organiser", async () => {
    const event = await insertEvent(bot);
    await registered("demo-adviser", event.id);
    const [fr] = await bot.send("demo-coordinator", action(`evt.sheet:${event.id}`));
    expect(fr!.files!.map((f) => f.name.split(".").at(-1))).toEqual(["xlsx", "csv"]);
    await bot.db.prisma.member.update({
      where: { id: await memberId(bot, "demo-coordinator") },
      data: { locale: "en" },
    });
    const [en] = await bot.send("demo-coordinator", `event ${ref(event.id)} sheet`);
    await bot.db.prisma.member.update({
      where: { id: await memberId(bot, "demo-coordinator") },
      data: { locale: "fr" },
    });
    expect(en!.files![0]!.name).toBe("attendance-seminaire-des-conseillers-numeriques-2026-12-10.xlsx");
    const records = parse(Buffer.from(en!.files![1]!.content!), { bom: true, delimiter: ";" }) as string[][];
    expect(records).toEqual([
      ["Name", "Organisation", "Role", "Registration", "Present (time)", "Signature"],
      ["Julien Carrère", expect.any(String), "digital adviser", "registered", "", ""],
    ]);
  });
});
