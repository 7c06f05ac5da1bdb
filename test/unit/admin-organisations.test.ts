import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidSiret } from "../../src/admin/organisations/siret.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { admin, PARTNERS_17, snapshot } from "./admin-support.ts";

let db: TestDatabase;
let dir: string;
let lines: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "admin-orgs-"));
  lines = (await readFile(PARTNERS_17, "utf8")).trimEnd().split("\n");
  await admin(db, "network", "create", "charente-maritime", "--name", "Charente-Maritime", "--department", "17");
  await admin(db, "network", "create", "tarn-et-garonne", "--name", "Tarn-et-Garonne", "--department", "82");
});
afterAll(() => db.destroy());

async function file(name: string, rows: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${rows.join("\n")}\n`);
  return path;
}

describe("organisations import", () => {
  it("imports ten partners of the 17 in their communes, kinds read from French labels or codes", async () => {
    const run = await admin(db, "organisations", "import", "charente-maritime", PARTNERS_17);
    expect(run).toMatchObject({ code: 0, out: "Organisations of charente-maritime: 10 added, 0 updated.", err: "" });
    const rows = await db.prisma.organisation.findMany({
      where: { network: { slug: "charente-maritime" } },
      include: { territory: true },
    });
    expect(rows).toHaveLength(10);
    expect(rows.find((o) => o.name === "Médiathèque Michel-Crépeau")).toMatchObject({
      kind: "LIBRARY",
      siret: "21170300400120",
      emailDomain: "ville-larochelle.fr",
      territory: { code: "17300", name: "La Rochelle" },
    });
    expect(
      rows
        .filter((o) => o.kind === "HOSPITAL")
        .map((o) => o.territory!.name)
        .sort(),
    ).toEqual(["La Rochelle", "Rochefort", "Royan", "Saintes"]);
    expect(rows.find((o) => o.name.startsWith("CPTS"))).toMatchObject({ kind: "HEALTH_COMMUNITY", siret: null });
  });

  it("importing the same file again changes nothing", async () => {
    const before = await snapshot(db);
    expect((await admin(db, "organisations", "import", "charente-maritime", PARTNERS_17)).out).toBe(
      "Organisations of charente-maritime are already up to date: nothing changed.",
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it("a revised file renames an organisation found by its SIRET and moves another", async () => {
    const revised = lines.map((l) =>
      l
        .replace("Médiathèque Michel-Crépeau;", "Médiathèque Michel-Crépeau de La Rochelle;")
        .replace("Centre hospitalier de Royan;HOSPITAL;17306", "Centre hospitalier de Royan;HOSPITAL;17306"),
    );
    revised.push("Centre hospitalier de Jonzac;Hôpital;17197;;");
    const run = await admin(db, "organisations", "import", "charente-maritime", await file("v2.csv", revised));
    expect(run.out).toBe(
      "Organisations of charente-maritime: 1 added, 1 updated (Médiathèque Michel-Crépeau de La Rochelle).",
    );
    expect(await db.prisma.organisation.count({ where: { network: { slug: "charente-maritime" } } })).toBe(11);
  });

  it("the same names in another network are that network's own", async () => {
    const run = await admin(
      db,
      "organisations",
      "import",
      "tarn-et-garonne",
      await file("82.csv", [lines[0]!, "Médiathèque Michel-Crépeau;Médiathèque;82121;;"]),
    );
    expect(run.out).toBe("Organisations of tarn-et-garonne: 1 added, 0 updated.");
    expect(await db.prisma.organisation.count({ where: { name: "Médiathèque Michel-Crépeau" } })).toBe(1);
  });
});

describe("organisations serving a whole EPCI or department", () => {
  it("are placed by the optional code_territoire column: an EPCI's SIREN or a department's code", async () => {
    const rows = [
      `${lines[0]!};code_territoire`,
      "Service numérique de l'agglomération;Intercommunalité;;;;241700434",
      "Mission numérique du Département;Département;;;;17",
      "Mairie de Saintes;Commune;17415;;;",
    ];
    const run = await admin(db, "organisations", "import", "charente-maritime", await file("territoire.csv", rows));
    expect(run).toMatchObject({ code: 0, out: "Organisations of charente-maritime: 3 added, 0 updated.", err: "" });
    const placed = await db.prisma.organisation.findMany({
      where: { network: { slug: "charente-maritime" }, name: { in: rows.slice(1).map((r) => r.split(";")[0]!) } },
      select: { name: true, territory: { select: { kind: true, code: true, name: true } } },
      orderBy: { name: "asc" },
    });
    expect(placed).toEqual([
      { name: "Mairie de Saintes", territory: { kind: "COMMUNE", code: "17415", name: "Saintes" } },
      {
        name: "Mission numérique du Département",
        territory: { kind: "DEPARTMENT", code: "17", name: "Charente-Maritime" },
      },
      {
        name: "Service numérique de l'agglomération",
        territory: { kind: "EPCI", code: "241700434", name: "CA de La Rochelle" },
      },
    ]);
    expect(
      (await admin(db, "organisations", "import", "charente-maritime", await file("territoire.csv", rows))).out,
    ).toBe("Organisations of charente-maritime are already up to date: nothing changed.");
  });
});

describe("an organisations file that cannot be imported is answered with one sentence and changes nothing", () => {
  async function refused(name: string, rows: string[]): Promise<string> {
    const before = await snapshot(db);
    const run = await admin(db, "organisations", "import", "charente-maritime", await file(name, rows));
    expect(run).toMatchObject({ code: 1, out: "" });
    expect(await snapshot(db)).toEqual(before);
    return run.err;
  }

  it("a commune code of another department", async () => {
    const rows = [...lines, "France Services de Niort;France Services;79191;;"];
    expect(await refused("niort.csv", rows)).toBe(
      "Row 12, column code_insee: 79191 is not a commune of network charente-maritime, which covers department 17.",
    );
  });

  it("an EPCI of another department in code_territoire", async () => {
    const rows = [`${lines[0]!};code_territoire`, "Grand Montauban numérique;Intercommunalité;;;;248200099"];
    expect(await refused("epci.csv", rows)).toBe(
      "Row 2, column code_territoire: 248200099 is not an EPCI of network charente-maritime, which covers department 17.",
    );
  });

  it("a commune and a code_territoire on one row, or a code_territoire that is neither a SIREN nor a department", async () => {
    const header = `${lines[0]!};code_territoire`;
    expect(await refused("both.csv", [header, "Mairie de Saintes;Commune;17415;;;17"])).toBe(
      'Row 2, column code_territoire: expected nothing when code_insee gives the commune: fill in one of the two; found "17".',
    );
    expect(await refused("siren.csv", [header, "Agglo;Intercommunalité;;;;24170043"])).toBe(
      "Row 2, column code_territoire: expected an EPCI's SIREN (9 digits, such as 241700434) or a department's code (such as 17, 2A or 971), or nothing; found \"24170043\".",
    );
  });

  it("an invalid SIRET", async () => {
    const rows = lines.map((l, i) => (i === 1 ? l.replace("22170001600019", "22170001600018") : l));
    expect(await refused("siret.csv", rows)).toBe(
      'Row 2, column siret: expected a SIRET of 14 digits whose check digit is right (or nothing); found "22170001600018".',
    );
  });

  it("an unknown kind", async () => {
    expect(await refused("kind.csv", [lines[0]!, "Pharmacie du port;Pharmacie;17300;;"])).toMatch(
      /^Row 2, column type: expected one of France Services \(FRANCE_SERVICES\), Bibliothèque \(LIBRARY\), .+; found "Pharmacie"\.$/,
    );
  });

  it("an unknown column", async () => {
    expect(await refused("column.csv", [lines[0]!.replace("domaine_courriel", "courriel"), lines[1]!])).toBe(
      'Column 5 of the header row, "courriel", is not a column of the template; did you mean "code_insee"?',
    );
  });

  it("the same organisation twice", async () => {
    expect(await refused("twice.csv", [...lines, lines[4]!])).toBe(
      'Row 12, column nom: the same organisation is already on row 5; found "Centre hospitalier de La Rochelle".',
    );
  });
});

describe("SIRET check", () => {
  it("accepts a SIRET whose Luhn sum is right and La Poste's by their own rule, refuses others", () => {
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("35600000049837")).toBe(true);
    expect(isValidSiret("35600000049838")).toBe(false);
    expect(isValidSiret("7328293200007")).toBe(false);
  });
});
