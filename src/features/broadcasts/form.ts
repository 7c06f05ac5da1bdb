import type { Context } from "../../core/context.ts";
import type { FormField, Reply } from "../../core/reply.ts";
import { ROLES } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { openGroupsOf, organisationsOf, territoriesOf } from "./data.ts";
import type { Segment } from "./schema.ts";
import { MESSAGE_MAX } from "./schema.ts";

/** What the form shows pre-filled: a draft to edit, or a refused submission to correct. */
export type BroadcastFormValues = Record<string, string | string[]>;

const TERRITORY_ORDER = { DEPARTMENT: 0, EPCI: 1, COMMUNE: 2 } as const;

/** The department first, then its intercommunalities, then communes, each by name. */
async function territoryOptions(db: Db, networkId: string) {
  const rows = await territoriesOf(db, networkId);
  rows.sort((a, b) => TERRITORY_ORDER[a.kind] - TERRITORY_ORDER[b.kind] || a.name.localeCompare(b.name, "fr"));
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

/** A stored broadcast's fields as the form's values. */
export function valuesOf(b: { text: string; urgent: boolean; segment: Segment }): BroadcastFormValues {
  return {
    message: b.text,
    urgent: b.urgent ? "yes" : "no",
    roles: b.segment.roles,
    territory: b.segment.territoryIds[0] ?? "",
    organisation: b.segment.organisationIds[0] ?? "",
    group: b.segment.groupIds[0] ?? "",
    platform: b.segment.platform ?? "",
  };
}

/**
 * The broadcast form. Fields less often used come last (Discord shows five; the others keep their
 * values); the group and platform fields appear only when there is a choice to make.
 * Submitting `broadcast:<draftId>` replaces that draft.
 */
export async function broadcastForm(ctx: Context, values: BroadcastFormValues = {}, draftId?: string): Promise<Reply> {
  const { t, db, actor } = ctx;
  const [territories, organisations, groups] = await Promise.all([
    territoryOptions(db, actor.networkId),
    organisationsOf(db, actor.networkId),
    openGroupsOf(db, actor.networkId),
  ]);
  const any = { value: "", label: t("broadcasts.form.any") };
  const value = (name: string) => (values[name] !== undefined ? { value: values[name] } : {});
  const fields: FormField[] = [
    {
      name: "message",
      label: t("broadcasts.form.message"),
      type: "textarea",
      required: true,
      maxLength: MESSAGE_MAX,
      ...value("message"),
    },
    {
      name: "urgent",
      label: t("broadcasts.form.urgent"),
      type: "select",
      required: true,
      value: values.urgent ?? "no",
      options: [
        { value: "no", label: t("broadcasts.form.no") },
        { value: "yes", label: t("broadcasts.form.yes") },
      ],
    },
    {
      name: "roles",
      label: t("broadcasts.form.roles"),
      type: "multiselect",
      required: false,
      ...value("roles"),
      options: ROLES.map((r) => ({ value: r, label: t(`roles.plural.${r}`) })),
    },
    {
      name: "territory",
      label: t("broadcasts.form.territory"),
      type: "select",
      required: false,
      ...value("territory"),
      options: [any, ...territories],
    },
    {
      name: "organisation",
      label: t("broadcasts.form.organisation"),
      type: "select",
      required: false,
      ...value("organisation"),
      options: [any, ...organisations.map((o) => ({ value: o.id, label: o.name }))],
    },
  ];
  if (groups.length > 0) {
    fields.push({
      name: "group",
      label: t("broadcasts.form.group"),
      type: "select",
      required: false,
      ...value("group"),
      options: [any, ...groups.map((g) => ({ value: g.id, label: g.name }))],
    });
  }
  if (ctx.platforms.length > 1) {
    fields.push({
      name: "platform",
      label: t("broadcasts.form.platform"),
      type: "select",
      required: false,
      ...value("platform"),
      options: [any, ...ctx.platforms.map((p) => ({ value: p, label: t(`platforms.${p}`) }))],
    });
  }
  return {
    text: t("broadcasts.form.intro"),
    visibility: "private",
    form: {
      id: draftId ? `broadcast:${draftId}` : "broadcast",
      title: t("broadcasts.form.title"),
      submitLabel: t("broadcasts.form.submit"),
      fields,
    },
  };
}
