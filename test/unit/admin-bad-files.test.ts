import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { admin, PLAN_17, snapshot } from "./admin-support.ts";

let db: TestDatabase;
let dir: string;
let lines: string[];
let before: Record<string, unknown>;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "admin-bad-"));
  lines = (await readFile(PLAN_17, "utf8")).trimEnd().split("\n");
  await admin(db, "network", "create", "charente-maritime", "--name", "Charente-Maritime", "--department", "17");
  // A plan already there: a refused revision must leave it exactly as it was.
  await admin(db, "plan", "import", "charente-maritime", PLAN_17);
  before = await snapshot(db);
});
afterAll(() => db.destroy());

/** Imports `content` as a plan file; expects the sentence and an unchanged database. */
async function refused(name: string, content: string | Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  const run = await admin(db, "plan", "import", "charente-maritime", file);
  expect(run.code).toBe(1);
  expect(run.out).toBe("");
  expect(await snapshot(db)).toEqual(before);
  return run.err.replace(file, "<file>");
}

const csv = (rows: string[]) => `${rows.join("\n")}\n`;
const cells = (line: string) => line.split(";");
/** The fixture with row `row` (1 = header) changed at `column`. */
function withCell(row: number, column: number, value: string): string[] {
  return lines.map((l, i) =>
    i === row - 1
      ? cells(l)
          .map((c, j) => (j === column ? value : c))
          .join(";")
      : l,
  );
}

describe("a plan file that cannot be imported is answered with one sentence and changes nothing", () => {
  it("an unknown column", async () => {
    expect(await refused("unknown.csv", csv(withCell(1, 11, "cibles")))).toBe(
      'Column 12 of the header row, "cibles", is not a column of the template; did you mean "cible"?',
    );
  });

  it("a missing column", async () => {
    expect(await refused("missing.csv", csv(lines.map((l) => cells(l).slice(0, 13).join(";"))))).toBe(
      'The header row lacks the column "calcul"; expected plan_code; plan_titre; debut; fin; axe_code; axe_titre; fiche_code; fiche_titre; pilote; indicateur; unite; cible; periode_cible; calcul.',
    );
  });

  it("a target that is not a number, on one row among good ones", async () => {
    expect(await refused("target.csv", csv(withCell(20, 11, "vingt")))).toBe(
      'Row 20, column cible: expected a number (such as 20 or 2,5), or nothing when the plan sets no numeric target; found "vingt".',
    );
  });

  it("the same indicator twice in a fiche", async () => {
    expect(await refused("twice.csv", csv([...lines, lines[5]!]))).toBe(
      `Row 45, column indicateur: fiche 3-1-1 already has this indicator on row 6; each indicator of a fiche appears once; found "${cells(lines[5]!)[9]}".`,
    );
  });

  it("an unknown calcul", async () => {
    const err = await refused("calcul.csv", csv(withCell(3, 13, "evenement:forum-sante")));
    expect(err).toBe(
      'Row 3, column calcul: expected one of the bot\'s counters (did you mean "evenements:forum-sante"? npm run admin -- plan counters lists them, e.g. activites, activites:atelier, participants), or nothing for a value summed from progress reports; found "evenement:forum-sante".',
    );
  });

  it("a period that is neither annee, semestre nor plan", async () => {
    expect(await refused("period.csv", csv(withCell(2, 12, "mois")))).toBe(
      'Row 2, column periode_cible: expected annee, semestre or plan; found "mois".',
    );
  });

  it("an empty file", async () => {
    expect(await refused("empty.csv", "")).toBe(
      "The file <file> is empty: it needs a header row and at least one row.",
    );
  });

  it("a header without rows", async () => {
    expect(await refused("header.csv", csv([lines[0]!]))).toBe("The file <file> has a header row but no data row.");
  });

  it("a file that is not a spreadsheet", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    expect(await refused("plan.xlsx", png)).toBe(
      "The file <file> is neither an XLSX spreadsheet nor a UTF-8 CSV file.",
    );
  });

  it("a CSV saved in Windows-1252 rather than UTF-8", async () => {
    expect(await refused("latin1.csv", Buffer.from(csv(lines), "latin1"))).toBe(
      'The file <file> is a CSV file not encoded in UTF-8 (probably Windows-1252): save it from Excel as "CSV UTF-8".',
    );
  });

  it("a zip that is not a workbook", async () => {
    const zip = Buffer.from("504b0506000000000000000000000000000000000000", "hex");
    expect(await refused("fake.xlsx", Buffer.concat([Buffer.from("504b0304", "hex"), zip]))).toMatch(
      /^The file <file> is not a readable XLSX spreadsheet \(.+\)\.$/,
    );
  });

  it("a file of tens of megabytes, before reading it", async () => {
    expect(await refused("big.csv", csv([lines[0]!, ...Array.from({ length: 100_000 }, () => lines[1]!)]))).toBe(
      "The file <file> is 37 MB: a plan or a list of organisations is far smaller (at most 5000 rows).",
    );
  });

  it("a CSV separated by commas", async () => {
    expect(await refused("commas.csv", csv(lines.map((l) => l.replaceAll(";", ","))))).toBe(
      'The header row of <file> is not separated by semicolons: save the CSV with ";" as separator, in UTF-8.',
    );
  });

  it("a spreadsheet of 100,000 rows is refused without reading it whole", async () => {
    const file = join(dir, "huge.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const sheet = writer.addWorksheet("Plan");
    sheet.addRow(cells(lines[0]!)).commit();
    const row = cells(lines[1]!);
    for (let i = 0; i < 100_000; i++) sheet.addRow(row).commit();
    sheet.commit();
    await writer.commit();
    const run = await admin(db, "plan", "import", "charente-maritime", file);
    expect(run).toMatchObject({
      code: 1,
      err: `The file ${file} has more than 5000 rows: a plan or a list of organisations is far smaller; check that it is the right file.`,
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it("a CSV of 100,000 short rows too", async () => {
    expect(await refused("huge.csv", csv([lines[0]!, ...Array.from({ length: 100_000 }, () => "x")]))).toBe(
      "The file <file> has more than 5000 rows: a plan or a list of organisations is far smaller; check that it is the right file.",
    );
  });
});
