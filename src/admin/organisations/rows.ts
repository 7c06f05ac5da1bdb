import type { OrganisationKind } from "@prisma/client";
import { distance } from "fastest-levenshtein";
import { AdminError, closest } from "../errors.ts";
import { expectColumns, type Table } from "../table-file.ts";
import { KIND_CHOICES, kindOf } from "./kinds.ts";
import { isValidSiret } from "./siret.ts";

/** The organisations file's columns: the names of the national data·inclusion structure schema. */
export const ORGANISATION_COLUMNS = ["nom", "type", "code_insee", "siret", "domaine_courriel"] as const;

/**
 * A column the file may add, for an organisation serving a whole EPCI or department, which a
 * commune's INSEE code cannot say: the EPCI's SIREN or the department's code.
 */
export const TERRITORY_COLUMN = "code_territoire";

type Column = (typeof ORGANISATION_COLUMNS)[number] | typeof TERRITORY_COLUMN;

/** Where an organisation is: a commune (INSEE code), an EPCI (SIREN) or a department (code). */
export type OrganisationPlace = { kind: "COMMUNE" | "EPCI" | "DEPARTMENT"; code: string } | null;

/** One organisation of the file, validated except its commune (checked against the network). */
export interface OrganisationInput {
  line: number;
  name: string;
  kind: OrganisationKind;
  place: OrganisationPlace;
  siret: string | null;
  emailDomain: string | null;
}

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Reads and checks every row; the first problem is thrown with its row, column and what is expected. */
export function organisationsFromTable(table: Table): OrganisationInput[] {
  const columns = [...ORGANISATION_COLUMNS, TERRITORY_COLUMN];
  expectColumns(table, ORGANISATION_COLUMNS, (name) => closest(name, columns, distance, 1)[0]!, [TERRITORY_COLUMN]);
  const names = new Map<string, number>();
  const sirets = new Map<string, number>();
  return table.rows.map((row) => {
    const cell = (column: Column) => row.cells[column] ?? "";
    const fail = (column: Column, expected: string): never => {
      throw new AdminError(
        `Row ${row.line}, column ${column}: ${expected}${cell(column) ? `; found "${cell(column)}"` : ""}.`,
      );
    };
    const name = cell("nom") || fail("nom", "the organisation's name is missing");
    const key = name.toLowerCase();
    if (names.has(key)) fail("nom", `the same organisation is already on row ${names.get(key)}`);
    names.set(key, row.line);
    const kind = kindOf(cell("type")) ?? fail("type", `expected one of ${KIND_CHOICES.join(", ")}`);
    const communeCode = cell("code_insee") || null;
    if (communeCode !== null && !/^(\d{5}|2[AB]\d{3})$/i.test(communeCode))
      fail("code_insee", "expected a commune's INSEE code, five characters such as 17300");
    const place = communeCode
      ? { kind: "COMMUNE" as const, code: communeCode.toUpperCase() }
      : territoryOf(cell(TERRITORY_COLUMN), fail);
    if (communeCode && cell(TERRITORY_COLUMN))
      fail(TERRITORY_COLUMN, "expected nothing when code_insee gives the commune: fill in one of the two");
    const siret = cell("siret").replace(/[\s\u00a0]/g, "") || null;
    if (siret !== null && !isValidSiret(siret))
      fail("siret", "expected a SIRET of 14 digits whose check digit is right (or nothing)");
    if (siret !== null && sirets.has(siret)) fail("siret", `the same SIRET is already on row ${sirets.get(siret)}`);
    if (siret !== null) sirets.set(siret, row.line);
    const emailDomain = cell("domaine_courriel").replace(/^@/, "").toLowerCase() || null;
    if (emailDomain !== null && !DOMAIN.test(emailDomain))
      fail("domaine_courriel", "expected an e-mail domain such as charente-maritime.fr (or nothing)");
    return { line: row.line, name, kind, place, siret, emailDomain };
  });
}

/** The EPCI (a SIREN, 9 digits) or department (17, 2A, 971) a `code_territoire` cell names, or null when empty. */
function territoryOf(text: string, fail: (column: Column, expected: string) => never): OrganisationPlace {
  if (text === "") return null;
  if (/^\d{9}$/.test(text)) return { kind: "EPCI", code: text };
  if (/^(\d{2}|2[AB]|97\d)$/i.test(text)) return { kind: "DEPARTMENT", code: text.toUpperCase() };
  return fail(
    TERRITORY_COLUMN,
    "expected an EPCI's SIREN (9 digits, such as 241700434) or a department's code (such as 17, 2A or 971), or nothing",
  );
}
