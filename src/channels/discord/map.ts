import type { BaseInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from "discord.js";
import type { InboundCommand, Input } from "../../core/inbound.ts";
import { TEXT_OPTION } from "./commands.ts";
import { decodeFormValues, type FormMemory } from "./modal.ts";

/** The scope of a direct message: no guild binds it, so the deployment's default network applies. */
export const PRIVATE_SCOPE = "private";

/** Who, where, when and in which language, common to every kind of interaction. */
function envelope(interaction: BaseInteraction, input: Input, receivedAt: Date): InboundCommand {
  const user = interaction.user;
  return {
    // Discord's interaction id is unique and stable: a redelivered INTERACTION_CREATE carries the same one.
    eventId: interaction.id,
    platform: "discord",
    externalUserId: user.id,
    displayName: user.globalName ?? user.username,
    scopeId: interaction.guildId ?? PRIVATE_SCOPE,
    conversation: interaction.guildId ? "group" : "private",
    forms: "native",
    localeHint: interaction.locale,
    input,
    receivedAt,
  };
}

/** `/lier texte:K7P4-QX9M` → the text "lier K7P4-QX9M", as if the member had typed it. */
export function fromSlashCommand(
  interaction: ChatInputCommandInteraction,
  words: Map<string, string>,
  receivedAt: Date,
): InboundCommand {
  const word = words.get(interaction.commandName) ?? interaction.commandName;
  const rest = interaction.options.getString(TEXT_OPTION) ?? "";
  return envelope(interaction, { kind: "text", text: `${word} ${rest}`.trim() }, receivedAt);
}

/** A pressed button or a picked menu entry carries the core's choice id; the core checks it again. */
export function fromChoice(interaction: BaseInteraction, actionId: string, receivedAt: Date): InboundCommand {
  return envelope(interaction, { kind: "action", actionId }, receivedAt);
}

/** What a modal's components carry: custom id → the typed value, or the picked values. */
export function submittedValues(interaction: ModalSubmitInteraction): Map<string, string | readonly string[]> {
  const raw = new Map<string, string | readonly string[]>();
  for (const [customId, field] of interaction.fields.fields) {
    if ("values" in field && field.values) raw.set(customId, field.values);
    else if ("value" in field && typeof field.value === "string") raw.set(customId, field.value);
  }
  return raw;
}

/** A form's values, submitted through a modal or gathered from several (a form of more than five fields). */
export function fromFormValues(
  interaction: BaseInteraction,
  formId: string,
  values: Record<string, string | string[]>,
  receivedAt: Date,
): InboundCommand {
  return envelope(interaction, { kind: "form", formId, values }, receivedAt);
}

/** A submitted modal: values keyed by the core's field names. */
export function fromModal(interaction: ModalSubmitInteraction, memory: FormMemory, receivedAt: Date): InboundCommand {
  const shown = memory.recall(interaction.user.id, interaction.customId);
  return fromFormValues(
    interaction,
    interaction.customId,
    decodeFormValues(submittedValues(interaction), shown),
    receivedAt,
  );
}
