import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { describeAudience } from "../../core/dispatch.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { recordDenial } from "../../services/audit/record.ts";
import { formatNames } from "../../shared/text.ts";
import { GRP } from "./actions.ts";
import { findGroupByName } from "./data.ts";
import { changeMembers, groupForm, saveGroup } from "./edit.ts";
import { GROUP_CREATORS, showGroup, showGroups } from "./view.ts";

const wordsOf = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const CREATE_WORDS = wordsOf("commands.group.createWords");
const ADD_WORDS = wordsOf("commands.group.addWords");
const REMOVE_WORDS = wordsOf("commands.group.removeWords");

async function openCreateForm(ctx: Context): Promise<Reply[]> {
  if (GROUP_CREATORS.some((r) => ctx.actor.roles.includes(r))) return groupForm(ctx);
  await recordDenial(ctx, "group.create", GROUP_CREATORS);
  return [say(ctx.t("errors.forbidden", { who: describeAudience(GROUP_CREATORS, ctx.actor.locale) }))];
}

/** `groupe`, `groupe créer`, `groupe <nom>`, `groupe <nom> ajouter|retirer <noms>`. */
async function group(ctx: Context, args: string): Promise<Reply[]> {
  const tokens = [...args.matchAll(/\S+/g)];
  const words = tokens.map((m) => m[0]);
  if (words.length === 0) return showGroups(ctx);
  if (words.length === 1 && CREATE_WORDS.has(normaliseWord(words[0]!))) return openCreateForm(ctx);
  const at = words.findIndex(
    (w, i) => i > 0 && (ADD_WORDS.has(normaliseWord(w)) || REMOVE_WORDS.has(normaliseWord(w))),
  );
  if (at > 0) {
    const verb = ADD_WORDS.has(normaliseWord(words[at]!)) ? "add" : "remove";
    // Names keep their own separators: "Julien Carrère, Isabelle Fabre".
    const rest = args.slice(tokens[at]!.index + words[at]!.length);
    return changeMembers(ctx, words.slice(0, at).join(" "), verb, rest);
  }
  const name = words.join(" ");
  const found = await findGroupByName(ctx.db, ctx.actor.networkId, name);
  if (found.kind === "none") return [say(ctx.t("groups.errors.notFound", { name }))];
  if (found.kind === "ambiguous")
    return [
      say(ctx.t("groups.errors.ambiguousGroup", { name, groups: formatNames(found.names, ctx.actor.locale, "") })),
    ];
  return showGroup(ctx, found.id);
}

/** Working groups: lists, pages, creation by coordinators, members added and removed by leads. */
export const groupsFeature: Feature = {
  commands: [
    {
      name: "groups",
      words: "commands.groups.words",
      summary: "commands.groups.summary",
      audience: "member",
      run: showGroups,
    },
    { name: "group", words: "commands.group.words", summary: "commands.group.summary", audience: "member", run: group },
  ],
  actions: [on(GRP.create, (ctx) => Promise.resolve(groupForm(ctx)))],
  forms: [{ formId: "grp", audience: GROUP_CREATORS, run: saveGroup }],
};
