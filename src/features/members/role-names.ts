import { normaliseWord } from "../../core/command-words.ts";
import { createTranslator, LOCALES } from "../../core/i18n.ts";
import { ROLES, type Role } from "../../core/roles.ts";

// Role names typed in either language ("conseillers numériques", "intern", "NETWORK_COORDINATOR") → the role.
const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap((role) =>
    LOCALES.flatMap((l) => {
      const t = createTranslator(l);
      return [role, t(`roles.singular.${role}`), t(`roles.plural.${role}`)].map((name) => [normaliseWord(name), role] as const);
    }),
  ),
);

/** The role a typed name means (its code, or its French or English label, singular or plural), or undefined. */
export function roleByName(typed: string): Role | undefined {
  return ROLE_BY_NAME.get(normaliseWord(typed.replace(/\s+/g, " ")));
}

/** The role a name's first words mean, and how many words it took ("conseiller numérique 5 utilisations" → 2 words). */
export function roleAtStart(words: string[]): { role: Role; length: number } | undefined {
  for (let length = Math.min(words.length, 5); length >= 1; length--) {
    const role = roleByName(words.slice(0, length).join(" "));
    if (role) return { role, length };
  }
  return undefined;
}
