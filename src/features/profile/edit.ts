import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import {
  isOrganisationOf,
  isTerritoryOf,
  listOrganisations,
  listWorkTerritories,
} from "../../services/directory/data.ts";
import { formatClock } from "../../shared/dates.ts";
import { loadProfile } from "./data.ts";
import { saveProfileForm } from "./mutations.ts";
import { profileFormSchema } from "./schema.ts";
import { showProfile } from "./view.ts";

/** The profile form, pre-filled with what the member has now. */
export async function profileForm(ctx: Context): Promise<Reply[]> {
  const { t, db, actor } = ctx;
  const [p, organisations, territories] = await Promise.all([
    loadProfile(db, actor.memberId),
    listOrganisations(db, actor.networkId),
    listWorkTerritories(db, actor.networkId),
  ]);
  const none = { value: "", label: t("profile.none") };
  return [
    {
      text: t("profile.formIntro"),
      visibility: "private",
      form: {
        id: "profile",
        title: t("profile.formTitle"),
        submitLabel: t("profile.save"),
        fields: [
          {
            name: "displayName",
            label: t("profile.fields.displayName"),
            type: "text",
            required: true,
            maxLength: 80,
            value: p.displayName,
          },
          {
            name: "organisationId",
            label: t("profile.fields.organisation"),
            type: "select",
            required: false,
            value: p.organisation?.id ?? "",
            options: [none, ...organisations.map((o) => ({ value: o.id, label: o.name }))],
          },
          {
            name: "territoryId",
            label: t("profile.fields.territory"),
            type: "select",
            required: false,
            value: p.territory?.id ?? "",
            options: [none, ...territories.map((o) => ({ value: o.id, label: o.name }))],
          },
          {
            name: "quietStart",
            label: t("profile.fields.quietStart"),
            type: "text",
            required: true,
            maxLength: 5,
            value: formatClock(p.quietStartMin),
          },
          {
            name: "quietEnd",
            label: t("profile.fields.quietEnd"),
            type: "text",
            required: true,
            maxLength: 5,
            value: formatClock(p.quietEndMin),
          },
        ],
      },
    },
  ];
}

/** Saves the profile form; each wrong field is named in one sentence, and nothing is saved. */
export async function saveProfile(ctx: Context, values: Record<string, string | string[]>): Promise<Reply[]> {
  const { t, db, actor } = ctx;
  const parsed = profileFormSchema.safeParse(values);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((i) => i.message))].map((key) => t(key as MessageKey));
    return [
      say([t("profile.errors.intro"), ...problems].join("\n"), [
        { id: "profile:edit", label: t("profile.edit"), style: "primary" },
      ]),
    ];
  }
  const form = parsed.data;
  if (form.organisationId && !(await isOrganisationOf(db, actor.networkId, form.organisationId)))
    return [say(t("profile.errors.organisation"))];
  if (form.territoryId && !(await isTerritoryOf(db, actor.networkId, form.territoryId)))
    return [say(t("profile.errors.territory"))];
  await saveProfileForm(db, actor.memberId, form);
  return [
    say(t("profile.saved")),
    ...(await showProfile({ ...ctx, actor: { ...actor, displayName: form.displayName } })),
  ];
}
