import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botCounters } from "../../src/bot.ts";
import { createTranslator } from "../../src/core/i18n.ts";
import { indicatorLine } from "../../src/features/indicators/board.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { provideCounters } from "../../src/features/indicators/counters.ts";
import { indicatorColumns } from "../../src/features/reports/columns.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { admin, PLAN_17, planWorkbook, snapshot } from "./admin-support.ts";

const today = { year: 2026, month: 11, day: 23 };

let db: TestDatabase;
let dir: string;
let lines: string[];
const networkId = async (slug: string) => (await db.prisma.network.findUniqueOrThrow({ where: { slug } })).id;
const indicators = async (slug: string) =>
  computeIndicators(db.prisma, { networkId: await networkId(slug), window: { today } });

beforeAll(async () => {
  provideCounters(botCounters);
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "admin-plan-"));
  lines = (await readFile(PLAN_17, "utf8")).trimEnd().split("\n");
  await admin(db, "network", "create", "charente-maritime", "--name", "Charente-Maritime", "--department", "17");
  await admin(db, "network", "create", "cm-xlsx", "--name", "Charente-Maritime (XLSX)", "--department", "17");
});
afterAll(() => db.destroy());

describe("plan import", () => {
  it("a dry run says what the SDAASP 17 file would add and writes nothing", async () => {
    const before = await snapshot(db);
    const run = await admin(db, "plan", "import", "charente-maritime", PLAN_17, "--dry-run");
    expect(run.code).toBe(0);
    expect(run.out).toContain("1 plan(s), 3 axis(es), 19 fiche(s) and 43 indicator(s) added");
    expect(await snapshot(db)).toEqual(before);
  });

  it("imports orientations 3 and 5 of the SDAASP 17; indicators without a numeric target say so on the board and in the export, never 0", async () => {
    const run = await admin(db, "plan", "import", "charente-maritime", PLAN_17);
    expect(run).toMatchObject({ code: 0, err: "" });
    const values = await indicators("charente-maritime");
    expect(values).toHaveLength(43);
    expect(new Set(values.map((v) => v.fiche.code)).size).toBe(19);
    expect(values.filter((v) => v.target === null)).toHaveLength(41);
    const cantons = values.find((v) => v.label === "Cantons couverts")!;
    expect(cantons).toMatchObject({
      target: 27,
      period: "PLAN",
      fiche: { code: "5-6", axisNumber: 5, planCode: "SDAASP-17" },
    });
    const forums = values.find((v) => v.label === "Forums santé tenus")!;
    expect(forums).toMatchObject({ target: null, computation: "COUNT_EVENTS", source: "data" });
    const t = createTranslator("fr");
    expect(indicatorLine(t, "fr", forums, false)).toContain("pas de cible chiffrée");
    // In the files: an empty target, and the percentage's cell says so.
    const column = (key: "reports.columns.target" | "reports.columns.percent") =>
      indicatorColumns(t).find((c) => c.header === t(key))!;
    expect(column("reports.columns.target").value(forums)).toBeUndefined();
    expect(column("reports.columns.percent").value(forums)).toBe("pas de cible chiffrée");
    expect(column("reports.columns.target").value(cantons)).toBe(27);
    const plan = await db.prisma.plan.findFirstOrThrow({
      where: { networkId: await networkId("charente-maritime") },
      include: { axes: { orderBy: { number: "asc" } } },
    });
    expect(plan).toMatchObject({ code: "SDAASP-17", startYear: 2018, endYear: 2024 });
    expect(plan.axes.map((a) => a.title)).toEqual([
      "Améliorer l'accès aux services dans les zones déficitaires",
      "Déployer l'accès aux services de santé",
      "Améliorer l'accès au numérique et aux services dématérialisés",
    ]);
  });

  it("the same file imported twice changes nothing the second time", async () => {
    const before = await snapshot(db);
    const run = await admin(db, "plan", "import", "charente-maritime", PLAN_17);
    expect(run.out).toBe("Plan of charente-maritime is already up to date: nothing changed.");
    expect(await snapshot(db)).toEqual(before);
  });

  it("the same plan as an XLSX spreadsheet gives the same indicators", async () => {
    const file = join(dir, "sdaasp-17.xlsx");
    await planWorkbook(file, lines);
    expect((await admin(db, "plan", "import", "cm-xlsx", file)).code).toBe(0);
    const shape = (v: Awaited<ReturnType<typeof indicators>>) =>
      v.map((i) => [i.fiche.code, i.label, i.unit, i.target, i.period, i.computation]);
    expect(shape(await indicators("cm-xlsx"))).toEqual(shape(await indicators("charente-maritime")));
  });

  it("a revised file updates titles and targets, adds a fiche, and archives a dropped fiche with its progress reports kept", async () => {
    const id = await networkId("charente-maritime");
    const cpts = await db.prisma.ficheAction.findFirstOrThrow({
      where: { networkId: id, code: "3-4" },
      include: { indicators: true },
    });
    const member = await db.prisma.member.create({
      data: { networkId: id, displayName: "Chargée de mission", roles: ["NETWORK_COORDINATOR"], status: "ACTIVE" },
    });
    await db.prisma.progressReport.create({
      data: {
        networkId: id,
        memberId: member.id,
        ficheActionId: cpts.id,
        indicatorId: cpts.indicators[0]!.id,
        date: new Date("2024-03-02"),
        value: 2,
        text: "Deux déclarations d'intention (La Rochelle, Oléron)",
      },
    });
    const revised = lines
      .filter((l) => !l.includes(";3-4;"))
      .map((l) =>
        l
          .replace(
            ";3-2;Établir des contrats locaux de santé avec les EPCI volontaires;",
            ";3-2;Établir des contrats locaux de santé avec les EPCI;",
          )
          .replace(";Cantons couverts;cantons;27;", ";Cantons couverts;cantons;26;"),
      );
    revised.push(
      `${lines[1]!.split(";").slice(0, 4).join(";")};5;Améliorer l'accès au numérique et aux services dématérialisés;5-9;Former les secrétaires de mairie au numérique;Département;Secrétaires de mairie formés;personnes;40;annee;`,
    );
    const file = join(dir, "sdaasp-17-v2.csv");
    await writeFile(file, `${revised.join("\n")}\n`);
    const run = await admin(db, "plan", "import", "charente-maritime", file);
    expect(run.code).toBe(0);
    expect(run.out).toContain("0 plan(s), 0 axis(es), 1 fiche(s) and 1 indicator(s) added; 2 updated; 1 archived.");
    expect(run.out).toContain(
      'archived: fiche 3-4 "Créer avec les acteurs de santé des communautés professionnelles territoriales de santé (CPTS)" is not in the file: archived, its 1 progress report(s) kept',
    );
    const values = await indicators("charente-maritime");
    expect(values.some((v) => v.fiche.code === "3-4")).toBe(false);
    expect(values.find((v) => v.label === "Cantons couverts")!.target).toBe(26);
    expect(values.find((v) => v.label === "Secrétaires de mairie formés")!.target).toBe(40);
    expect(values.find((v) => v.fiche.code === "3-2")!.fiche.title).toBe(
      "Établir des contrats locaux de santé avec les EPCI",
    );
    expect(
      await db.prisma.progressReport.count({ where: { ficheActionId: cpts.id, indicatorId: cpts.indicators[0]!.id } }),
    ).toBe(1);
    expect((await admin(db, "plan", "import", "charente-maritime", file)).out).toContain("nothing changed");
    expect((await admin(db, "network", "show", "charente-maritime")).out).toContain(
      "Fiches-actions: 19 (and 1 archived)",
    );
  });

  it("a fiche listed again comes back with its reports", async () => {
    const run = await admin(db, "plan", "import", "charente-maritime", PLAN_17);
    expect(run.out).toContain("updated: fiche 3-4: back in the plan");
    const values = await indicators("charente-maritime");
    expect(values.find((v) => v.fiche.code === "3-4")!.value).toBe(2);
  });

  it("plan template writes the header the import expects, in XLSX and CSV", async () => {
    const csv = join(dir, "modele.csv");
    expect((await admin(db, "plan", "template", csv)).code).toBe(0);
    expect((await readFile(csv, "utf8")).replace(/^\ufeff/, "").trim()).toBe(lines[0]);
    const xlsx = join(dir, "modele.xlsx");
    await admin(db, "plan", "template", xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect((workbook.worksheets[0]!.getRow(1).values as string[]).slice(1).join(";")).toBe(lines[0]);
    expect(await admin(db, "plan", "template", xlsx)).toMatchObject({
      code: 1,
      err: `The file ${xlsx} already exists: choose another name, nothing was overwritten.`,
    });
  });

  it("plan counters lists the calcul names with what each counts", async () => {
    const run = await admin(db, "plan", "counters");
    expect(run.out).toContain("evenements:<type>[:<sujet>]");
    expect(run.out).toContain("soiree-accueil, seminaire");
    expect(run.out).toContain("demandes-accueil\n    requests the mission accueil answered");
  });
});
