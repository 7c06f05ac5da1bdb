import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, rawMessage } from "../../core/i18n.ts";
import type { FormField } from "../../core/reply.ts";

const CANCEL_WORDS = new Set(LOCALES.flatMap((l) => rawMessage(l, "forms.cancelWords").split(",").map(normaliseWord)));

export type Answer =
  | { kind: "value"; value: string | string[] }
  | { kind: "keep" }
  | { kind: "cancel" }
  | { kind: "invalid"; reason: string }
  | { kind: "stale" }
  | { kind: "not-an-answer" };

/** Reads what the member sent as an answer to the field at `position`: typed text, or one of its buttons. */
export function readAnswer(
  ctx: Context,
  field: FormField,
  position: number,
  current: string | string[] | undefined,
): Answer {
  const input = ctx.inbound.input;
  const { t } = ctx;
  if (input.kind === "action") {
    const [prefix, verb, at, index] = input.actionId.split(":");
    if (prefix !== "form") return { kind: "not-an-answer" };
    if (verb === "cancel") return { kind: "cancel" };
    if (at !== String(position)) return { kind: "stale" };
    if (verb === "next")
      return current === undefined && field.required
        ? { kind: "invalid", reason: t("forms.required") }
        : { kind: "keep" };
    const option = field.options?.[Number(index)];
    if (!option) return { kind: "invalid", reason: t("forms.pickOne") };
    if (verb === "toggle") {
      const selected = new Set(Array.isArray(current) ? current : []);
      if (selected.has(option.value)) selected.delete(option.value);
      else selected.add(option.value);
      return { kind: "value", value: [...selected] };
    }
    return { kind: "value", value: option.value };
  }
  if (input.kind !== "text") return { kind: "not-an-answer" };
  const text = input.text.trim();
  if (CANCEL_WORDS.has(normaliseWord(text))) return { kind: "cancel" };
  if (field.options) {
    const typed = normaliseWord(text);
    const option = field.options.find((o, i) => normaliseWord(o.label) === typed || String(i + 1) === typed);
    if (!option) return { kind: "invalid", reason: t("forms.pickOne") };
    return { kind: "value", value: field.type === "multiselect" ? [option.value] : option.value };
  }
  if (!text && field.required) return { kind: "invalid", reason: t("forms.required") };
  if (field.maxLength && text.length > field.maxLength)
    return { kind: "invalid", reason: t("forms.tooLong", { max: field.maxLength }) };
  return { kind: "value", value: text };
}
