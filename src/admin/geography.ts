import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { distance } from "fastest-levenshtein";
import { AdminError } from "./errors.ts";

/** A territory as the official geography names it; `parent` is the code of its department or EPCI. */
export interface OfficialTerritory {
  kind: "DEPARTMENT" | "EPCI" | "COMMUNE";
  code: string;
  name: string;
  parent: { kind: "DEPARTMENT" | "EPCI"; code: string } | null;
}

interface Departement {
  code: string;
  nom: string;
}
interface Epci {
  code: string;
  nom: string;
  membres: { code: string }[];
}
interface Commune {
  code: string;
  nom: string;
  departement?: string;
  type: string;
}

// The package ships its data as JSON files next to its entry point (@etalab/decoupage-administratif).
const dataDir = join(dirname(createRequire(import.meta.url).resolve("@etalab/decoupage-administratif")), "data");
let cache: { departements: Departement[]; epci: Epci[]; communes: Commune[] } | undefined;

function data(): NonNullable<typeof cache> {
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(dataDir, `${name}.json`), "utf8")) as T;
  cache ??= { departements: read("departements"), epci: read("epci"), communes: read("communes") };
  return cache;
}

/** Every department code and name of the official geography. */
export function officialDepartments(): { code: string; name: string }[] {
  return data().departements.map((d) => ({ code: d.code, name: d.nom }));
}

/** The department of `code`, or an error naming the closest codes (by code and by name). */
export function departmentOf(code: string): { code: string; name: string } {
  const all = officialDepartments();
  const found = all.find((d) => d.code === code.toUpperCase());
  if (found) return found;
  const wanted = code.toLowerCase();
  const near = all
    .map((d) => ({
      d,
      score: Math.min(distance(wanted, d.code.toLowerCase()), distance(wanted, d.name.toLowerCase())),
    }))
    .sort((a, b) => a.score - b.score || a.d.code.localeCompare(b.d.code))
    .slice(0, 3)
    .map(({ d }) => `${d.code} (${d.name})`);
  throw new AdminError(
    `"${code}" is not a department code of the official geography; the closest are ${near.join(", ")}.`,
  );
}

/**
 * The departments of `codes`, the EPCIs with at least one current commune there, and those
 * communes (INSEE code) under their EPCI (from the EPCIs' `membres`), or under the department
 * for the few communes in no EPCI. An EPCI spanning two of the departments goes under the one
 * holding most of its communes; communes outside the departments are left out.
 */
export function officialTerritories(codes: readonly string[]): OfficialTerritory[] {
  const departments = [...new Map(codes.map((c) => departmentOf(c)).map((d) => [d.code, d])).values()];
  const wanted = new Set(departments.map((d) => d.code));
  const { epci, communes } = data();
  const current = communes.filter(
    (c) => c.type === "commune-actuelle" && c.departement !== undefined && wanted.has(c.departement),
  );
  const departmentOfCommune = new Map(current.map((c) => [c.code, c.departement!]));
  const epciOfCommune = new Map<string, string>();
  const epcis: OfficialTerritory[] = [];
  for (const e of epci) {
    const members = e.membres.map((m) => m.code).filter((code) => departmentOfCommune.has(code));
    if (members.length === 0) continue;
    const counts = new Map<string, number>();
    for (const code of members)
      counts.set(departmentOfCommune.get(code)!, (counts.get(departmentOfCommune.get(code)!) ?? 0) + 1);
    const home = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    epcis.push({ kind: "EPCI", code: e.code, name: e.nom, parent: { kind: "DEPARTMENT", code: home } });
    for (const code of members) epciOfCommune.set(code, e.code);
  }
  return [
    ...departments.map((d): OfficialTerritory => ({ kind: "DEPARTMENT", code: d.code, name: d.name, parent: null })),
    ...epcis,
    ...current.map((c): OfficialTerritory => {
      const epciCode = epciOfCommune.get(c.code);
      return {
        kind: "COMMUNE",
        code: c.code,
        name: c.nom,
        parent: epciCode ? { kind: "EPCI", code: epciCode } : { kind: "DEPARTMENT", code: c.departement! },
      };
    }),
  ];
}
