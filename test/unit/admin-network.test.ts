import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { admin, snapshot } from "./admin-support.ts";

// The package's own data, read apart from the code under test, to count what a department holds.
const require = createRequire(import.meta.url);
const communes = require("@etalab/decoupage-administratif/data/communes.json") as {
  code: string;
  departement?: string;
  type: string;
}[];
const epcis = require("@etalab/decoupage-administratif/data/epci.json") as {
  code: string;
  membres: { code: string }[];
}[];

function official(department: string) {
  const codes = new Set(
    communes.filter((c) => c.departement === department && c.type === "commune-actuelle").map((c) => c.code),
  );
  return { communes: codes, epcis: epcis.filter((e) => e.membres.some((m) => codes.has(m.code))) };
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

describe("network create", () => {
  it("creates Charente-Maritime with every current commune of the 17 under its EPCI, as the official geography lists them", async () => {
    const run = await admin(
      db,
      "network",
      "create",
      "charente-maritime",
      "--name",
      "Réseau des partenaires de Charente-Maritime",
      "--department",
      "17",
    );
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain("462 commune(s)");
    const network = await db.prisma.network.findUniqueOrThrow({ where: { slug: "charente-maritime" } });
    const rows = await db.prisma.territory.findMany({ where: { networkId: network.id }, include: { parent: true } });
    const expected = official("17");
    expect(
      rows
        .filter((t) => t.kind === "COMMUNE")
        .map((t) => t.code)
        .sort(),
    ).toEqual([...expected.communes].sort());
    expect(
      rows
        .filter((t) => t.kind === "EPCI")
        .map((t) => t.code)
        .sort(),
    ).toEqual(expected.epcis.map((e) => e.code).sort());
    expect(rows.filter((t) => t.kind === "DEPARTMENT").map((t) => t.name)).toEqual(["Charente-Maritime"]);
    const laRochelle = rows.find((t) => t.kind === "COMMUNE" && t.code === "17300")!;
    expect(laRochelle).toMatchObject({ name: "La Rochelle", parent: { kind: "EPCI", code: "241700434" } });
    for (const epci of expected.epcis) {
      const children = rows.filter((t) => t.parent?.code === epci.code).map((t) => t.code);
      expect(children.sort()).toEqual(
        epci.membres
          .map((m) => m.code)
          .filter((c) => expected.communes.has(c))
          .sort(),
      );
    }
  });

  it("run a second time, it says so and changes nothing", async () => {
    const before = await snapshot(db);
    const run = await admin(
      db,
      "network",
      "create",
      "charente-maritime",
      "--name",
      "Réseau des partenaires de Charente-Maritime",
      "--department",
      "17",
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain("already up to date");
    expect(await snapshot(db)).toEqual(before);
  });

  it("an unknown department code is refused, naming the closest codes, and nothing is created", async () => {
    const before = await snapshot(db);
    const run = await admin(db, "network", "create", "nowhere", "--name", "Nowhere", "--department", "177");
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      '"177" is not a department code of the official geography; the closest are 17 (Charente-Maritime), 77 (Seine-et-Marne), 977 (Saint-Barthélemy).',
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it("two networks (82 and 17) live in one database, each with its own territories, and list and show count each apart", async () => {
    expect(
      (await admin(db, "network", "create", "tarn-et-garonne-82", "--name", "Tarn-et-Garonne", "--department", "82"))
        .code,
    ).toBe(0);
    const list = await admin(db, "network", "list");
    expect(list.out.split("\n")).toEqual([
      "charente-maritime  Réseau des partenaires de Charente-Maritime  (462 communes, 0 organisations, 0 members)",
      `tarn-et-garonne-82  Tarn-et-Garonne  (${official("82").communes.size} communes, 0 organisations, 0 members)`,
    ]);
    const show = await admin(db, "network", "show", "tarn-et-garonne-82");
    expect(show.out).toContain(
      `Territories: 1 department(s), ${official("82").epcis.length} EPCI(s), ${official("82").communes.size} commune(s)`,
    );
    const montauban = await db.prisma.territory.findMany({
      where: { code: "82121" },
      select: { network: { select: { slug: true } } },
    });
    expect(montauban.map((t) => t.network.slug)).toEqual(["tarn-et-garonne-82"]);
  });

  it("show names the known networks when the slug is wrong", async () => {
    const run = await admin(db, "network", "show", "charente");
    expect(run).toMatchObject({
      code: 1,
      err: 'There is no network "charente"; known networks: charente-maritime, tarn-et-garonne-82.',
    });
  });
});
