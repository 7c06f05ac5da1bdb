import { randomBytes } from "node:crypto";
import {
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import type { Logger } from "pino";
import type { Form, FormField } from "../../core/reply.ts";
import { clip } from "../text.ts";

/**
 * Discord modals hold at most five components; since 2025 a `Label` may wrap a string select, so
 * select fields are real menus when they have at most 25 options. A select with more options is a
 * text input pre-filled with the current option's label, mapped back to the option's value.
 */
const MODAL_COMPONENTS_MAX = 5;
const MENU_OPTIONS_MAX = 25;
/** Discord's option values are 1 to 100 characters; the core's "none" option has the empty value. */
const EMPTY_VALUE = "discord.none";
/** Custom id of the button that opens a form Discord did not let us open as the answer. */
export const OPEN_FORM_PREFIX = "discord.form:";

/** How a field was drawn, in its custom id, so a submission decodes even after a restart. */
type Drawn = "t" | "s" | "m" | "l";

const encode = (value: string) => (value === "" ? EMPTY_VALUE : value);
const decode = (value: string) => (value === EMPTY_VALUE ? "" : value);
const asList = (value: FormField["value"]) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function drawnAs(field: FormField): Drawn {
  if (field.type !== "select" && field.type !== "multiselect") return "t";
  if ((field.options?.length ?? 0) > MENU_OPTIONS_MAX || (field.options?.length ?? 0) === 0) return "l";
  return field.type === "select" ? "s" : "m";
}

function labelFor(field: FormField): LabelBuilder {
  const label = new LabelBuilder().setLabel(clip(field.label, 45));
  if (field.label.length > 45) label.setDescription(clip(field.label, 100));
  const drawn = drawnAs(field);
  const customId = `${drawn}:${field.name}`;
  if (drawn === "s" || drawn === "m") {
    const chosen = new Set(asList(field.value));
    const options = (field.options ?? []).map((o) =>
      new StringSelectMenuOptionBuilder()
        .setValue(encode(o.value))
        .setLabel(clip(o.label || "-", 100))
        .setDefault(chosen.has(o.value)),
    );
    const menu = new StringSelectMenuBuilder().setCustomId(customId).addOptions(options).setRequired(field.required);
    menu.setMinValues(field.required ? 1 : 0).setMaxValues(drawn === "s" ? 1 : options.length);
    return label.setStringSelectMenuComponent(menu);
  }
  const maxLength = Math.min(field.maxLength ?? 4000, 4000);
  const current =
    drawn === "l"
      ? asList(field.value)
          .map((v) => field.options?.find((o) => o.value === v)?.label ?? v)
          .join(", ")
      : asList(field.value).join(", ");
  const input = new TextInputBuilder()
    .setCustomId(customId)
    .setStyle(field.type === "textarea" ? TextInputStyle.Paragraph : TextInputStyle.Short)
    .setRequired(field.required)
    .setMaxLength(maxLength);
  if (current) input.setValue(current.slice(0, maxLength));
  return label.setTextInputComponent(input);
}

/** A core Form as a Discord modal; the intro text shows on top when a slot is left. */
export function renderModal(form: Form, intro: string, log: Logger): ModalBuilder {
  if (form.fields.length > MODAL_COMPONENTS_MAX) {
    log.warn(
      { formId: form.id, fields: form.fields.length },
      "a Discord modal holds five fields; the others keep their current values",
    );
  }
  const fields = form.fields.slice(0, MODAL_COMPONENTS_MAX);
  const modal = new ModalBuilder().setCustomId(form.id).setTitle(clip(form.title, 45));
  if (intro.trim() && fields.length < MODAL_COMPONENTS_MAX)
    modal.addTextDisplayComponents(new TextDisplayBuilder().setContent(clip(intro, 4000)));
  modal.addLabelComponents(fields.map(labelFor));
  return modal;
}

/** Submitted components (custom id → value or values) back to the core's field names and values. */
export function decodeFormValues(
  raw: Map<string, string | readonly string[]>,
  shown: Form | undefined,
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  // Fields Discord could not show keep the value they had when the form was opened.
  for (const field of shown?.fields.slice(MODAL_COMPONENTS_MAX) ?? [])
    if (field.value !== undefined) values[field.name] = field.value;
  for (const [customId, value] of raw) {
    const [drawn, ...rest] = customId.split(":");
    const name = rest.join(":");
    const list = typeof value === "string" ? [value] : [...value];
    if (drawn === "s") values[name] = decode(list[0] ?? EMPTY_VALUE);
    else if (drawn === "m") values[name] = list.map(decode);
    else if (drawn === "l")
      values[name] = fromLabels(
        list[0] ?? "",
        shown?.fields.find((f) => f.name === name),
      );
    else values[drawn === "t" ? name : customId] = list[0] ?? "";
  }
  return values;
}

/** A label typed in place of a long menu, back to the option's value; unknown text goes to the core as typed. */
function fromLabels(typed: string, field: FormField | undefined): string | string[] {
  const find = (text: string) => {
    const wanted = text.trim().toLocaleLowerCase("fr");
    return field?.options?.find((o) => o.label.trim().toLocaleLowerCase("fr") === wanted)?.value ?? text.trim();
  };
  if (field?.type === "multiselect")
    return typed
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean)
      .map(find);
  return find(typed);
}

/**
 * The forms shown lately, per member and form id (to map typed labels back), and the forms waiting
 * behind an "open" button. In memory and bounded: after a restart a submission still decodes, and
 * a stale "open" button is dispatched to the core, which answers that it expired.
 */
export class FormMemory {
  readonly #shown = new Map<string, Form>();
  readonly #waiting = new Map<string, { userId: string; form: Form; intro: string }>();
  readonly #max: number;
  constructor(max = 5000) {
    this.#max = max;
  }

  remember(userId: string, form: Form): void {
    bounded(this.#shown, `${userId}\u0000${form.id}`, form, this.#max);
  }

  recall(userId: string, formId: string): Form | undefined {
    return this.#shown.get(`${userId}\u0000${formId}`);
  }

  /** Keeps a form for a later press; returns the custom id of the button that opens it. */
  park(userId: string, form: Form, intro: string): string {
    const id = `${OPEN_FORM_PREFIX}${randomBytes(9).toString("base64url")}`;
    bounded(this.#waiting, id, { userId, form, intro }, this.#max);
    return id;
  }

  /** The parked form behind this button, for this member only. */
  unpark(customId: string, userId: string): { form: Form; intro: string } | undefined {
    const parked = this.#waiting.get(customId);
    return parked && parked.userId === userId ? parked : undefined;
  }
}

function bounded<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
