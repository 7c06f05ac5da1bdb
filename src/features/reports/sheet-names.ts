/** Excel refuses a sheet name over 31 characters, with any of []:*?/\ or starting or ending with an apostrophe. */
const SHEET_NAME_MAX = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/** Hands out sheet names Excel accepts, each different from the others (Excel compares them ignoring case). */
export class SheetNames {
  readonly #taken = new Set<string>();

  /** `wanted`, made valid, with " (2)", " (3)"… when another sheet already has it. */
  take(wanted: string): string {
    const base =
      wanted
        .replace(FORBIDDEN, "-")
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^'+|'+$/g, "") || "-";
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? "" : ` (${n})`;
      const name = base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
      // "History" is reserved by Excel for change tracking.
      if (!this.#taken.has(name.toLowerCase()) && name.toLowerCase() !== "history") {
        this.#taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}

/**
 * Names a fiche's sheet. The fiches of the main plan (the one with the most indicators) keep their
 * bare code ("2.1"); those of other plans get their plan's code before it ("CLS-TDC 1.1.2"), so
 * that "2.1" of one plan and "2.1" or "2.1.1" of another cannot be taken for each other.
 */
export function ficheSheetNamer(
  fiches: readonly { code: string; planCode: string }[],
): (fiche: { code: string; planCode: string }) => string {
  const indicators = new Map<string, number>();
  for (const f of fiches) indicators.set(f.planCode, (indicators.get(f.planCode) ?? 0) + 1);
  const main = [...indicators].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]?.[0];
  return (fiche) => (fiche.planCode === main ? fiche.code : `${fiche.planCode} ${fiche.code}`);
}
