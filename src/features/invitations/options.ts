import { INVITATION_DEFAULT_DAYS, INVITATION_MAX_DAYS } from "../../config/retention.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { ROLES, type Role } from "../../core/roles.ts";
import { roleAtStart } from "../members/role-names.ts";
import { findOrganisationByName } from "../organisations/data.ts";
import { DEFAULT_USES, MAX_USES } from "./codes.ts";

const wordsOf = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const USES_WORDS = wordsOf("invitations.usesWords");
const DAYS_WORDS = wordsOf("invitations.daysWords");

/** What `inviter …` asks for. */
export interface InviteRequest {
  role: Role;
  organisation?: { id: string; name: string } | undefined;
  maxUses: number;
  days: number;
}

/** Checks a number of uses and of days against the limits; shared with the command line. */
export function checkLimits(maxUses: number, days: number): { key: MessageKey; max: number } | undefined {
  if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > MAX_USES)
    return { key: "invitations.badUses", max: MAX_USES };
  if (!Number.isInteger(days) || days < 1 || days > INVITATION_MAX_DAYS)
    return { key: "invitations.badDays", max: INVITATION_MAX_DAYS };
  return undefined;
}

/** `conseiller numérique Médiathèque de Caussade 5 utilisations 30 jours`: the role first, the options anywhere after it. */
export async function readInviteRequest(ctx: Context, args: string): Promise<InviteRequest> {
  const roles = ROLES.map((r) => ctx.t(`roles.singular.${r}`)).join(", ");
  let words = args.trim().split(/\s+/).filter(Boolean);
  let maxUses = DEFAULT_USES;
  let days = INVITATION_DEFAULT_DAYS;
  // "5 utilisations", "30 jours": a number followed by its word.
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = normaliseWord(words[i + 1] ?? "");
    if (/^\d+$/.test(words[i]!) && (USES_WORDS.has(next) || DAYS_WORDS.has(next))) {
      if (USES_WORDS.has(next)) maxUses = Number(words[i]);
      else days = Number(words[i]);
      i++;
    } else kept.push(words[i]!);
  }
  words = kept;
  if (words.length === 0) throw new AppError("invite_usage", "invitations.usage", { roles });
  const found = roleAtStart(words);
  if (!found)
    throw new AppError("invite_unknown_role", "invitations.unknownRole", { value: words.slice(0, 2).join(" "), roles });
  const bad = checkLimits(maxUses, days);
  if (bad) throw new AppError("invite_bad_limits", bad.key, { max: bad.max });
  const organisationName = words.slice(found.length).join(" ");
  if (!organisationName) return { role: found.role, maxUses, days };
  const organisation = await findOrganisationByName(ctx.db, ctx.actor.networkId, organisationName);
  if (!organisation)
    throw new AppError("invite_unknown_organisation", "invitations.unknownOrganisation", { name: organisationName });
  return { role: found.role, organisation, maxUses, days };
}
