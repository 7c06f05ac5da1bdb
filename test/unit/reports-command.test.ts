import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { createTestBot, form, type TestBot } from "../support/bot.ts";
import { formOf } from "./activity-support.ts";
import {
  columnOf,
  day,
  expectedFigures,
  type ReportFixture,
  readWorkbook,
  seedReports,
  sheetRows,
} from "./reports-support.ts";

let bot: TestBot;
let fixture: ReportFixture;
let indicatorCount: number;
beforeAll(async () => {
  bot = await createTestBot();
  fixture = await seedReports(bot);
  indicatorCount = (
    await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { today: { year: 2026, month: 11, day: 23 } },
    })
  ).length;
  await bot.db.prisma.member.create({
    data: {
      networkId: bot.networkId,
      displayName: "Emma Brown",
      roles: ["NETWORK_COORDINATOR"],
      status: "ACTIVE",
      locale: "en",
      identities: { create: { networkId: bot.networkId, platform: "local", externalId: "emma" } },
    },
  });
});
afterAll(() => bot.close());

const send = (input: Parameters<TestBot["send"]>[1]) => bot.send("demo-coordinator", input);
const text = async (input: Parameters<TestBot["send"]>[1]) => (await send(input)).map((r) => r.text).join("\n");
const filesOf = (replies: Reply[]) => replies.flatMap((r) => r.files ?? []);
const n = (count: number) => count.toLocaleString("fr-FR");

describe("the export command", () => {
  it("« export » alone opens a form: this year so far, the whole network, a workbook", async () => {
    const opened = formOf(await send("export"));
    expect(opened.id).toBe("export");
    expect(opened.fields.map((f) => f.name)).toEqual(["from", "to", "territory", "format"]);
    expect(opened.byName.from!.value).toBe("2026-01-01");
    expect(opened.byName.to!.value).toBe("2026-11-23");
    const territories = opened.byName.territory!.options!.map((o) => o.label);
    expect(territories.slice(0, 3)).toEqual(["Tout le réseau", "Tarn-et-Garonne (département)", "CA Grand Montauban"]);
    expect(territories).toContain("CC Terres des Confluences");
    // The 82's 195 communes are more than a menu lists one by one: the department and its 10 EPCIs are offered.
    expect(territories).toHaveLength(12);
    expect(territories).not.toContain("Moissac (commune)");
    expect(opened.byName.format!.options!.map((o) => o.value)).toEqual(["xlsx", "csv"]);
  });

  it("the submitted form answers with a summary and the workbook of that period and territory", async () => {
    const replies = await send(
      form("export", { from: "2026-01-01", to: "22/11/2026", territory: fixture.confluences, format: "xlsx" }),
    );
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22", fixture.confluencesTerritories);
    expect(replies[0]!.text).toBe(
      `Export 01/01/2026 – 22/11/2026, CC Terres des Confluences : ${n(expected.count)} activités, ${indicatorCount} indicateurs.`,
    );
    const [file] = filesOf(replies);
    expect(file!.name).toBe("copil-tarn-et-garonne-cc-terres-des-confluences-2026.xlsx");
    expect(file!.mediaType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const rows = sheetRows(await readWorkbook(file!.content!), "Activités");
    expect(rows).toHaveLength(expected.count + 1);
  });

  it("in CSV, the reply carries two files, activities and indicators", async () => {
    const replies = await send(
      form("export", { from: "2026-01-01", to: "2026-11-22", territory: "network", format: "csv" }),
    );
    const files = filesOf(replies);
    expect(files.map((f) => f.name)).toEqual([
      "copil-tarn-et-garonne-2026-activites.csv",
      "copil-tarn-et-garonne-2026-indicateurs.csv",
    ]);
    expect(files.every((f) => f.mediaType === "text/csv")).toBe(true);
    const activities = parse(Buffer.from(files[0]!.content!).toString("utf8"), {
      delimiter: ";",
      bom: true,
    }) as string[][];
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22");
    expect(activities).toHaveLength(expected.count + 1);
    expect(columnOf(activities, "Participants").reduce((a: number, v) => a + Number(v), 0)).toBe(expected.participants);
    const indicators = parse(Buffer.from(files[1]!.content!).toString("utf8"), {
      delimiter: ";",
      bom: true,
    }) as string[][];
    expect(indicators).toHaveLength(indicatorCount + 1);
  });

  it("« export 2025 » sends that year's workbook at once", async () => {
    const replies = await send("export 2025");
    const expected = await expectedFigures(bot, "2025-01-01", "2025-12-31");
    expect(replies[0]!.text).toBe(
      `Export 01/01/2025 – 31/12/2025, Réseau des partenaires du Tarn-et-Garonne : ${n(expected.count)} activités, ${indicatorCount} indicateurs.`,
    );
    const [file] = filesOf(replies);
    expect(file!.name).toBe("copil-tarn-et-garonne-2025.xlsx");
    const book = await readWorkbook(file!.content!);
    expect(sheetRows(book, "Activités")).toHaveLength(expected.count + 1);
    const manual = sheetRows(book, "Synthèse").find((r) => r[3] === fixture.manualIndicator.label)!;
    expect(manual[4]).toBe(7);
  });

  it("this year runs to today; a territory and CSV may follow the year", async () => {
    expect(await text("export 2026")).toMatch(
      /^Export 01\/01\/2026 – 23\/11\/2026, Réseau des partenaires du Tarn-et-Garonne : /,
    );
    const replies = await send("export 2026 csv Terres des Confluences");
    expect(replies[0]!.text).toMatch(/^Export 01\/01\/2026 – 23\/11\/2026, CC Terres des Confluences : /);
    expect(filesOf(replies).map((f) => f.name)).toEqual([
      "copil-tarn-et-garonne-cc-terres-des-confluences-2026-activites.csv",
      "copil-tarn-et-garonne-cc-terres-des-confluences-2026-indicateurs.csv",
    ]);
  });

  it("an English-speaking coordinator gets the summary and the workbook in English", async () => {
    const replies = await bot.send("emma", "export 2025");
    const expected = await expectedFigures(bot, "2025-01-01", "2025-12-31");
    expect(replies[0]!.text).toBe(
      `Export 01/01/2025 – 31/12/2025, Réseau des partenaires du Tarn-et-Garonne: ${expected.count.toLocaleString("en-GB")} activities, ${indicatorCount} indicators.`,
    );
    const book = await readWorkbook(filesOf(replies)[0]!.content!);
    expect(book.SheetNames[0]).toBe("Summary");
    expect(sheetRows(book, "Activities")[0]![1]).toBe("Adviser");
  });

  it("only network coordinators may export", async () => {
    expect(await bot.text("demo-adviser", "export 2025")).toContain("coordinat");
    expect(filesOf(await bot.send("demo-adviser", "export 2025"))).toEqual([]);
  });
});

describe("what the export refuses, and why", () => {
  it("a date it cannot read", async () => {
    expect(
      await text(form("export", { from: "32/13/2026", to: "2026-11-22", territory: "network", format: "xlsx" })),
    ).toBe("« 32/13/2026 » n’est pas une date : écrivez-la comme 01/01/2026 ou 2026-01-01.");
    expect(await text("export 01/01/2026 31/02/2026")).toBe(
      "« 31/02/2026 » n’est pas une date : écrivez-la comme 01/01/2026 ou 2026-01-01.",
    );
    expect(await text("export bientôt")).toBe(
      "Je n’ai pas compris « bientôt ». Tapez « export » pour choisir la période dans un formulaire, « export 2025 » pour une année, ou « export 01/01/2026 30/06/2026 » pour des dates précises.",
    );
  });

  it("a start after the end, a period over three years, a year not begun", async () => {
    expect(await text("export 01/07/2026 30/06/2026")).toBe(
      "La date de début (01/07/2026) est après la date de fin (30/06/2026) : inversez-les.",
    );
    expect(
      await text(form("export", { from: "2022-01-01", to: "2025-01-01", territory: "network", format: "xlsx" })),
    ).toBe(
      "Un export couvre au plus 3 ans, et 01/01/2022 – 01/01/2025 est plus long : choisissez une période plus courte, ou faites un export par année.",
    );
    expect(
      await text(form("export", { from: "2022-01-01", to: "2024-12-31", territory: "network", format: "xlsx" })),
    ).toMatch(/^Export 01\/01\/2022 – 31\/12\/2024/);
    expect(await text("export 2027")).toBe("L’année 2027 n’a pas encore commencé : rien n’y est encore enregistré.");
  });

  it("a territory the network does not have, or a name that fits several", async () => {
    expect(await text("export 2025 Atlantide")).toBe(
      "Je ne trouve pas le territoire « Atlantide » dans le réseau : tapez « export » et choisissez-le dans la liste.",
    );
    expect(
      await text(
        form("export", {
          from: "2026-01-01",
          to: "2026-11-22",
          territory: "00000000-0000-0000-0000-000000000000",
          format: "xlsx",
        }),
      ),
    ).toContain("Je ne trouve pas le territoire");
    expect(await text("export 2025 Quercy")).toMatch(
      /^« Quercy » désigne plusieurs territoires \(.*CC du Quercy Caussadais.*\) : précisez le nom\.$/,
    );
    expect(await text("export 2025 Moissac")).toMatch(/^Export 01\/01\/2025 – 31\/12\/2025, Moissac : /);
  });

  it("in English too", async () => {
    expect(await bot.text("emma", "export 01/07/2026 30/06/2026")).toBe(
      "The first day (01/07/2026) is after the last day (30/06/2026): swap them.",
    );
  });
});

describe("the activities in the export", () => {
  it("are those of the period only: the day before and the day after are left out", async () => {
    const replies = await send(
      form("export", { from: "2026-01-01", to: "2026-11-22", territory: "network", format: "xlsx" }),
    );
    const dates = columnOf(sheetRows(await readWorkbook(filesOf(replies)[0]!.content!), "Activités"), "Date") as Date[];
    expect(dates.some((d) => d.getTime() === day("2025-12-31").getTime())).toBe(false);
    expect(dates.some((d) => d.getTime() === day("2026-11-23").getTime())).toBe(false);
    expect(dates.filter((d) => d.getTime() === day("2026-11-22").getTime())).toHaveLength(1);
  });
});
