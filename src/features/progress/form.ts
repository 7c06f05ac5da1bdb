import type { Context } from "../../core/context.ts";
import type { FormField, Reply } from "../../core/reply.ts";
import { attachable, clip, type Fiche, ficheLabel } from "./fiches.ts";
import { type ProgressValues, TEXT_MAX } from "./schema.ts";

/** Select options stay readable in every platform's menu (Discord: 100 characters). */
const OPTION_MAX = 90;

/**
 * The progress form for a fiche, pre-filled with `values`: what happened, the day (today unless
 * changed), and optionally an indicator with the value to add (one when left empty). Indicators
 * the bot counts from its own records are not offered.
 */
export function progressForm(ctx: Context, fiche: Fiche, values: ProgressValues): Reply {
  const { t } = ctx;
  const value = (name: string) => (values[name] !== undefined ? { value: values[name] } : {});
  const fields: FormField[] = [
    {
      name: "text",
      label: t("progress.form.text"),
      type: "textarea",
      required: true,
      maxLength: TEXT_MAX,
      ...value("text"),
    },
    { name: "date", label: t("progress.form.date"), type: "date", required: false, ...value("date") },
  ];
  const indicators = attachable(fiche);
  if (indicators.length > 0) {
    fields.push(
      {
        name: "indicator",
        label: t("progress.form.indicator"),
        type: "select",
        required: false,
        ...value("indicator"),
        options: [
          { value: "", label: t("progress.form.noIndicator") },
          ...indicators.map((i) => ({ value: i.id, label: clip(i.label, OPTION_MAX) })),
        ],
      },
      {
        name: "value",
        label: t("progress.form.value"),
        type: "number",
        decimals: true,
        required: false,
        ...value("value"),
      },
    );
  }
  return {
    text: t("progress.form.intro", { fiche: ficheLabel(fiche, 200) }),
    visibility: "private",
    form: {
      id: `progress:${fiche.id}`,
      title: t("progress.form.title"),
      submitLabel: t("progress.form.submit"),
      fields,
    },
  };
}
