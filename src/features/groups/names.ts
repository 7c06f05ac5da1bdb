import { normaliseWord } from "../../core/command-words.ts";
import { createTranslator, LOCALES } from "../../core/i18n.ts";
import { ROLES, type Role } from "../../core/roles.ts";

export interface NamedMember {
  id: string;
  displayName: string;
}

/** What a list of typed names designates: members found, names matching nobody, names matching several. */
export interface NameMatch {
  members: NamedMember[];
  unknown: string[];
  ambiguous: { name: string; candidates: string[] }[];
}

/** Lower case, no accents, single spaces: "  Thomas  LEFÈVRE" and "thomas lefevre" match. */
export function normaliseName(text: string): string {
  return text.split(/\s+/).map(normaliseWord).filter(Boolean).join(" ");
}

// Role names a coordinator may type instead of names ("internes", "partners"), in either language.
const ROLE_BY_WORD = new Map<string, Role>(
  ROLES.flatMap((role) =>
    LOCALES.flatMap((l) => {
      const t = createTranslator(l);
      const words = [
        t(`roles.singular.${role}`),
        t(`roles.plural.${role}`),
        ...t(`groups.roleWords.${role}`).split(","),
      ];
      return words.map((w) => [normaliseName(w), role] as const);
    }),
  ),
);

/** Splits a typed list on commas, semicolons and new lines. */
export function splitNames(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/**
 * Matches typed names against the network's active members (read by `activeMembersForNames`): the
 * full display name first, else every typed word being a word of the name ("Lefèvre", "thomas"); a
 * role name stands for everyone holding the role.
 */
export function matchMemberNames(
  active: readonly { id: string; displayName: string; roles: readonly string[] }[],
  names: string[],
): NameMatch {
  const indexed = active.map((m) => ({ ...m, key: normaliseName(m.displayName) }));
  const found = new Map<string, NamedMember>();
  const out: NameMatch = { members: [], unknown: [], ambiguous: [] };
  for (const name of names) {
    const typed = normaliseName(name);
    const role = ROLE_BY_WORD.get(typed);
    if (role) {
      for (const m of indexed.filter((m) => m.roles.includes(role)))
        found.set(m.id, { id: m.id, displayName: m.displayName });
      continue;
    }
    const words = typed.split(" ");
    const exact = indexed.filter((m) => m.key === typed);
    const candidates = exact.length ? exact : indexed.filter((m) => words.every((w) => m.key.split(" ").includes(w)));
    if (candidates.length === 1)
      found.set(candidates[0]!.id, { id: candidates[0]!.id, displayName: candidates[0]!.displayName });
    else if (candidates.length === 0) out.unknown.push(name);
    else out.ambiguous.push({ name, candidates: candidates.map((c) => c.displayName) });
  }
  out.members = [...found.values()];
  return out;
}
