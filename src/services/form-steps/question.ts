import type { Context } from "../../core/context.ts";
import type { Choice, FormField, Reply } from "../../core/reply.ts";
import type { FormSession } from "./session.ts";

/** How the current value of a field reads to the member (an option's label, not its id). */
export function displayValue(field: FormField, value: string | string[] | undefined): string {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const labels = values.map((v) => field.options?.find((o) => o.value === v)?.label ?? v).filter((v) => v !== "");
  return labels.join(", ");
}

/** The question for the session's current field, with its buttons. */
export function questionFor(ctx: Context, session: FormSession, notice?: string): Reply {
  const { t } = ctx;
  const field = session.form.fields[session.position]!;
  const current = session.values[field.name];
  const lines = [
    ...(notice ? [notice] : []),
    t("forms.question", {
      title: session.form.title,
      position: session.position + 1,
      total: session.form.fields.length,
      label: field.label,
    }),
  ];
  const shown = displayValue(field, current);
  if (current !== undefined && shown) lines.push(t("forms.current", { value: shown }));
  const choices: Choice[] = [];
  // Button ids carry the question's position, so a button of an earlier question is recognised as stale.
  const at = session.position;
  if (field.options && field.type !== "multiselect")
    field.options.forEach((o, i) => {
      choices.push({ id: `form:pick:${at}:${i}`, label: o.label });
    });
  if (field.options && field.type === "multiselect") {
    field.options.forEach((o, i) => {
      const on = Array.isArray(current) && current.includes(o.value);
      choices.push({ id: `form:toggle:${at}:${i}`, label: on ? `✓ ${o.label}` : o.label });
    });
    choices.push({ id: `form:next:${at}`, label: t("forms.next"), style: "primary" });
  } else if (current !== undefined) {
    choices.push({ id: `form:next:${at}`, label: t("forms.keep"), style: "primary" });
  } else if (!field.required) {
    choices.push({ id: `form:next:${at}`, label: t("forms.skip") });
  }
  choices.push({ id: "form:cancel", label: t("forms.cancel"), style: "danger" });
  return { text: lines.join("\n"), choices, visibility: "private" };
}
