import { normaliseWord } from "../../core/command-words.ts";
import { createTranslator, LOCALES } from "../../core/i18n.ts";
import { ROLES, type Role } from "../../core/roles.ts";

// Role names typed in either language ("conseillers numériques", "intern", "NETWORK_COORDINATOR") → the role.
const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap((role) =>
    LOCALES.flatMap((l) => {
      const t = createTranslator(l);
      return [role, t(`roles.singular.${role}`), t(`roles.plural.${role}`)].map(
        (name) => [normaliseWord(name), role] as const,
      );
    }),
  ),
);

/** The role a typed name means (its code, or its French or English label, singular or plural), or undefined. */
export function roleByName(typed: string): Role | undefined {
  return ROLE_BY_NAME.get(normaliseWord(typed.replace(/\s+/g, " ")));
}

/** The one role whose name begins with these whole words ("conseiller" → conseiller numérique), or undefined. */
function roleByFirstWords(typed: string): Role | undefined {
  const head = `${normaliseWord(typed.replace(/\s+/g, " "))} `;
  const roles = new Set([...ROLE_BY_NAME].filter(([name]) => name.startsWith(head)).map(([, role]) => role));
  return roles.size === 1 ? [...roles][0] : undefined;
}

/**
 * The role a name's first words mean, and how many words it took ("conseiller numérique Médiathèque"
 * → 2 words); a full name first, else the start of one that no other role shares ("conseiller").
 */
export function roleAtStart(words: string[]): { role: Role; length: number } | undefined {
  for (const find of [roleByName, roleByFirstWords]) {
    for (let length = Math.min(words.length, 5); length >= 1; length--) {
      const role = find(words.slice(0, length).join(" "));
      if (role) return { role, length };
    }
  }
  return undefined;
}
