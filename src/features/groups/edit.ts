import type { Context } from "../../core/context.ts";
import type { MessageKey, Translate } from "../../core/i18n.ts";
import type { Reply } from "../../core/reply.ts";
import { FORM_TEXT_MAX, say } from "../../core/reply.ts";
import { formatNames } from "../../shared/text.ts";
import { activeMembersForNames, canManageGroup, findGroupByName, groupManagers } from "./data.ts";
import { addGroupMembers, createGroup, removeGroupMembers } from "./mutations.ts";
import { matchMemberNames, type NameMatch, splitNames } from "./names.ts";
import { groupFormSchema } from "./schema.ts";

type Values = Record<string, string | string[]>;

/** The group form, pre-filled with what was typed (after a refusal) or with the creator as lead. */
export function groupForm(ctx: Context, values: Values = {}, problems: string[] = []): Reply[] {
  const { t } = ctx;
  const v = (name: string, fallback = "") => {
    const value = values[name];
    return Array.isArray(value) ? value.join("\n") : (value ?? fallback);
  };
  return [
    {
      text: problems.length ? [t("groups.errors.intro"), ...problems].join("\n") : t("groups.form.intro"),
      visibility: "private",
      form: {
        id: "grp",
        title: t("groups.form.title"),
        submitLabel: t("groups.form.submit"),
        fields: [
          { name: "name", label: t("groups.form.name"), type: "text", required: true, maxLength: 80, value: v("name") },
          {
            name: "description",
            label: t("groups.form.description"),
            type: "textarea",
            required: false,
            maxLength: 500,
            value: v("description"),
          },
          {
            name: "lead",
            label: t("groups.form.lead"),
            type: "text",
            required: false,
            maxLength: 80,
            value: v("lead", ctx.actor.displayName),
          },
          {
            name: "members",
            label: t("groups.form.members"),
            type: "textarea",
            required: true,
            maxLength: FORM_TEXT_MAX,
            value: v("members"),
          },
        ],
      },
    },
  ];
}

/** Sentences naming every typed name that matched nobody or several members. */
function nameProblems(t: Translate, match: NameMatch, locale: Context["actor"]["locale"]): string[] {
  return [
    ...(match.unknown.length
      ? [t("groups.errors.unknownNames", { names: formatNames(match.unknown, locale, "") })]
      : []),
    ...match.ambiguous.map((a) =>
      t("groups.errors.ambiguousName", { name: a.name, candidates: formatNames(a.candidates, locale, "") }),
    ),
  ];
}

/** Creates the group if every name is found and it has members; otherwise nothing is saved and the form comes back with the reasons. */
export async function saveGroup(ctx: Context, values: Values): Promise<Reply[]> {
  const { t, actor } = ctx;
  const parsed = groupFormSchema.safeParse(values);
  if (!parsed.success)
    return groupForm(ctx, values, [...new Set(parsed.error.issues.map((i) => t(i.message as MessageKey)))]);
  const form = parsed.data;
  const members = matchMemberNames(await activeMembersForNames(ctx.db, actor.networkId), splitNames(form.members));
  const lead = form.lead
    ? matchMemberNames(await activeMembersForNames(ctx.db, actor.networkId), [form.lead])
    : undefined;
  if (lead && lead.members.length > 1)
    lead.ambiguous.push({ name: form.lead, candidates: lead.members.map((m) => m.displayName) });
  const problems = [...nameProblems(t, members, actor.locale), ...(lead ? nameProblems(t, lead, actor.locale) : [])];
  if (members.members.length === 0 && members.unknown.length === 0 && members.ambiguous.length === 0)
    problems.push(t("groups.errors.noMembers"));
  if (problems.length) return groupForm(ctx, values, problems);
  const leadMember = lead?.members.length === 1 ? lead.members[0]! : null;
  const result = await createGroup(ctx.db, {
    networkId: actor.networkId,
    name: form.name,
    description: form.description || null,
    leadMemberId: leadMember?.id ?? null,
    memberIds: members.members.map((m) => m.id),
    createdById: actor.memberId,
    now: ctx.now,
  });
  if (result.kind === "name-taken") return groupForm(ctx, values, [t("groups.errors.nameTaken", { name: form.name })]);
  const names = members.members.map((m) => m.displayName).sort((a, b) => a.localeCompare(b, actor.locale));
  return [
    say(
      t("groups.created", {
        name: form.name,
        count: names.length,
        members: formatNames(names, actor.locale, ""),
        lead: leadMember?.displayName ?? t("groups.list.noLead"),
      }),
    ),
  ];
}

/** `groupe <nom> ajouter|retirer <noms>`: for the group's lead, its creator and network coordinators. */
export async function changeMembers(
  ctx: Context,
  groupName: string,
  verb: "add" | "remove",
  namesText: string,
): Promise<Reply[]> {
  const { t, actor } = ctx;
  const found = await findGroupByName(ctx.db, actor.networkId, groupName);
  if (found.kind === "none") return [say(t("groups.errors.notFound", { name: groupName }))];
  if (found.kind === "ambiguous")
    return [
      say(t("groups.errors.ambiguousGroup", { name: groupName, groups: formatNames(found.names, actor.locale, "") })),
    ];
  const group = await groupManagers(ctx.db, found.id);
  if (!canManageGroup(actor, group)) return [say(t("groups.errors.notManager", { group: found.name }))];
  const typed = splitNames(namesText);
  if (typed.length === 0) return [say(t("groups.errors.usage", { group: found.name }))];
  const match = matchMemberNames(await activeMembersForNames(ctx.db, actor.networkId), typed);
  const problems = nameProblems(t, match, actor.locale);
  if (problems.length) return [say([t("groups.errors.intro"), ...problems].join("\n"))];
  const ids = match.members.map((m) => m.id);
  const changed =
    verb === "add"
      ? await addGroupMembers(ctx.db, {
          networkId: actor.networkId,
          groupId: found.id,
          memberIds: ids,
          platforms: ctx.platforms,
          now: ctx.now,
        })
      : await removeGroupMembers(ctx.db, { groupId: found.id, memberIds: ids, now: ctx.now });
  const names = match.members.filter((m) => changed.includes(m.id)).map((m) => m.displayName);
  return [
    say(
      t(verb === "add" ? "groups.added" : "groups.removed", {
        count: names.length,
        group: found.name,
        names: formatNames(names, actor.locale, ""),
      }),
    ),
  ];
}
