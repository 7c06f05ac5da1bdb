import { OrganisationKind } from "@prisma/client";
import { normaliseWord } from "../../core/command-words.ts";
import { createTranslator, LOCALES } from "../../core/i18n.ts";

/** Every kind of partner organisation, in the schema's order. */
export const KINDS = Object.values(OrganisationKind);

// A kind's code or its label in either language ("bibliothèque", "LIBRARY", "library") → the kind.
const KIND_BY_NAME = new Map<string, OrganisationKind>(
  KINDS.flatMap((kind) =>
    LOCALES.flatMap((l) =>
      [kind, createTranslator(l)(`organisationsChat.kinds.${kind}`)].map(
        (name) => [normaliseWord(name), kind] as const,
      ),
    ),
  ),
);

/** The kind a typed word means, or undefined. */
export function kindByName(typed: string): OrganisationKind | undefined {
  return KIND_BY_NAME.get(normaliseWord(typed.replace(/\s+/g, " ")));
}
