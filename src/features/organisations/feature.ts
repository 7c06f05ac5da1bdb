import type { OrganisationKind } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { findCommune, findOrganisationByName, listOrganisationsWithCommune } from "./data.ts";
import { KINDS, kindByName } from "./kinds.ts";
import { createOrganisation, renameOrganisation, setOrganisationCommune } from "./mutations.ts";

const COORDINATORS: readonly Role[] = ["NETWORK_COORDINATOR"];
const wordsOf = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const ADD_WORDS = wordsOf("organisationsChat.addWords");
const RENAME_WORDS = wordsOf("organisationsChat.renameWords");
const COMMUNE_WORDS = wordsOf("organisationsChat.communeWords");
const MAX_NAME = 120;

const kindNames = (ctx: Context) => KINDS.map((k) => ctx.t(`organisationsChat.kinds.${k}`)).join(", ");
/** "Médiathèque de Caussade, Caussade, bibliothèque" → its comma-separated parts. */
const parts = (text: string) => text.split(",").map((p) => p.trim().replace(/\s+/g, " "));
const goodName = (name: string) => name.length >= 2 && name.length <= MAX_NAME;

async function audit(ctx: Context, action: string, details: Prisma.InputJsonObject): Promise<void> {
  await recordAudit(ctx.db, {
    networkId: ctx.actor.networkId,
    actorMemberId: ctx.actor.memberId,
    action,
    outcome: "allowed",
    details,
    at: ctx.now,
  });
}

/** The commune a coordinator typed, or the sentence naming the closest ones. */
async function communeOf(ctx: Context, typed: string): Promise<{ id: string; name: string } | string> {
  const match = await findCommune(ctx.db, ctx.actor.networkId, typed);
  return match.kind === "found"
    ? match
    : ctx.t("organisationsChat.unknownCommune", { typed, names: match.closest.join(", ") || "—" });
}

/** `structure ajouter <nom>, <commune>, <type>`. */
async function add(ctx: Context, rest: string): Promise<Reply[]> {
  const [name = "", communeTyped = "", kindTyped = ""] = parts(rest);
  if (!goodName(name)) return [say(ctx.t("organisationsChat.badName", { max: MAX_NAME }))];
  let kind: OrganisationKind = "OTHER";
  if (kindTyped) {
    const found = kindByName(kindTyped);
    if (!found) return [say(ctx.t("organisationsChat.unknownKind", { typed: kindTyped, kinds: kindNames(ctx) }))];
    kind = found;
  }
  const commune = communeTyped ? await communeOf(ctx, communeTyped) : undefined;
  if (typeof commune === "string") return [say(commune)];
  if (await findOrganisationByName(ctx.db, ctx.actor.networkId, name))
    return [say(ctx.t("organisationsChat.duplicate", { name }))];
  try {
    const made = await createOrganisation(ctx.db, {
      networkId: ctx.actor.networkId,
      name,
      kind,
      territoryId: commune?.id ?? null,
    });
    await audit(ctx, "organisation.add", {
      organisationId: made.id,
      name,
      kind,
      ...(commune ? { territoryId: commune.id } : {}),
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return [say(ctx.t("organisationsChat.duplicate", { name }))];
    throw error;
  }
  const kindName = ctx.t(`organisationsChat.kinds.${kind}`);
  return [
    say(
      commune
        ? ctx.t("organisationsChat.added", { name, kind: kindName, commune: commune.name })
        : ctx.t("organisationsChat.addedNoCommune", { name, kind: kindName }),
    ),
  ];
}

/** `structure renommer <nom>, <nouveau nom>`. */
async function rename(ctx: Context, rest: string): Promise<Reply[]> {
  const [oldName = "", newName = ""] = parts(rest);
  const organisation = await findOrganisationByName(ctx.db, ctx.actor.networkId, oldName);
  if (!organisation) return [say(ctx.t("organisationsChat.unknown", { name: oldName }))];
  if (!goodName(newName)) return [say(ctx.t("organisationsChat.badName", { max: MAX_NAME }))];
  const taken = await findOrganisationByName(ctx.db, ctx.actor.networkId, newName);
  if (taken && taken.id !== organisation.id) return [say(ctx.t("organisationsChat.duplicate", { name: newName }))];
  await renameOrganisation(ctx.db, organisation.id, newName);
  await audit(ctx, "organisation.rename", { organisationId: organisation.id, from: organisation.name, to: newName });
  return [say(ctx.t("organisationsChat.renamed", { old: organisation.name, name: newName }))];
}

/** `structure commune <nom>, <commune>`. */
async function setCommune(ctx: Context, rest: string): Promise<Reply[]> {
  const [name = "", communeTyped = ""] = parts(rest);
  const organisation = await findOrganisationByName(ctx.db, ctx.actor.networkId, name);
  if (!organisation) return [say(ctx.t("organisationsChat.unknown", { name }))];
  const commune = await communeOf(ctx, communeTyped);
  if (typeof commune === "string") return [say(commune)];
  await setOrganisationCommune(ctx.db, organisation.id, commune.id);
  await audit(ctx, "organisation.commune", { organisationId: organisation.id, territoryId: commune.id });
  return [say(ctx.t("organisationsChat.communeSet", { name: organisation.name, commune: commune.name }))];
}

/** `structure <verbe> …`: add, rename or set the commune; anything else shows how. */
async function organisationCommand(ctx: Context, args: string): Promise<Reply[]> {
  const [verb = "", ...rest] = args.trim().split(/\s+/);
  const word = normaliseWord(verb);
  const text = rest.join(" ");
  if (ADD_WORDS.has(word)) return add(ctx, text);
  if (RENAME_WORDS.has(word)) return rename(ctx, text);
  if (COMMUNE_WORDS.has(word)) return setCommune(ctx, text);
  return [say(ctx.t("organisationsChat.help", { kinds: kindNames(ctx) }))];
}

/** `structures`: every partner organisation with its kind and commune. */
async function listAll(ctx: Context): Promise<Reply[]> {
  const rows = await listOrganisationsWithCommune(ctx.db, ctx.actor.networkId);
  if (rows.length === 0) return [say(ctx.t("organisationsChat.list.none"))];
  const lines = rows.map((o) =>
    ctx.t("organisationsChat.list.line", {
      name: o.name,
      kind: ctx.t(`organisationsChat.kinds.${o.kind}`),
      commune: o.territory?.name ?? ctx.t("organisationsChat.list.noCommune"),
    }),
  );
  return [say([ctx.t("organisationsChat.list.header", { count: rows.length }), ...lines].join("\n"))];
}

/** Network coordinators keep the partner organisations up to date from the chat (bigger changes: the command line's import). */
export const organisationsFeature: Feature = {
  commands: [
    {
      name: "organisation",
      words: "commands.organisation.words",
      summary: "commands.organisation.summary",
      audience: COORDINATORS,
      run: organisationCommand,
    },
    {
      name: "organisations",
      words: "commands.organisations.words",
      summary: "commands.organisations.summary",
      audience: COORDINATORS,
      run: listAll,
    },
  ],
};
