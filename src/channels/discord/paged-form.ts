import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type MessageActionRowComponentBuilder,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Logger } from "pino";
import { createTranslator, toLocale } from "../../core/i18n.ts";
import type { InboundCommand } from "../../core/inbound.ts";
import type { Form } from "../../core/reply.ts";
import { fromFormValues, submittedValues } from "./map.ts";
import { decodeFormValues, type FormMemory, renderModal } from "./modal.ts";
import {
  type FormPages,
  mergedValues,
  nextPageId,
  PAGE_FIELDS,
  type PagedForm,
  pageAction,
  pageCount,
  pageForm,
  sendNowId,
} from "./pages.ts";

/** Interactions a modal can answer. */
export type ModalOpener = ChatInputCommandInteraction | MessageComponentInteraction;

export interface PagedFormContext {
  log: Logger;
  memory: FormMemory;
  pages: FormPages;
  now: () => Date;
}

/**
 * Opens a form: one modal when it has at most five fields, else the first page of five. Discord
 * modals hold five components; the pages gather the whole form before the core sees it.
 */
export async function showForm(
  interaction: ModalOpener,
  form: Form,
  intro: string,
  ctx: Omit<PagedFormContext, "now">,
): Promise<void> {
  if (form.fields.length <= PAGE_FIELDS) {
    ctx.memory.remember(interaction.user.id, form);
    await interaction.showModal(renderModal(form, intro, ctx.log));
    return;
  }
  const paged = ctx.pages.start(interaction.user.id, form);
  await interaction.showModal(renderModal(pageForm(paged, 0), intro, ctx.log));
}

/**
 * Answers what belongs to a form filled page by page: a page's modal (saved, then "Continue" and
 * "Send now"), "Continue" (the next page's modal), "Send now". Returns the whole form's submission
 * when it is complete, for the core; "answered" when the adapter answered alone; undefined when
 * the interaction is not about a paged form.
 */
export async function continuePagedForm(
  interaction: ModalOpener | ModalSubmitInteraction,
  ctx: PagedFormContext,
): Promise<InboundCommand | "answered" | undefined> {
  const action = interaction.isModalSubmit() || interaction.isButton() ? pageAction(interaction.customId) : undefined;
  // A page comes back as a modal submission, "Continue" and "Send now" as button presses.
  if (!action || (action.kind === "page") !== interaction.isModalSubmit()) return undefined;
  const paged = ctx.pages.find(interaction.user.id, action.token, action.kind === "page" ? action.formId : "");
  // A resumed gateway may replay an interaction this form already answered: Discord would refuse a second answer.
  if (paged?.handled.has(interaction.id)) return "answered";
  if (!paged || paged.done) return tell(interaction, paged ? "discordForms.sent" : "discordForms.expired", ctx.pages);
  paged.handled.add(interaction.id);
  ctx.pages.touch(paged);

  if (action.kind === "next" && !interaction.isModalSubmit()) {
    await interaction.showModal(
      renderModal(pageForm(paged, Math.min(action.page, pageCount(paged.form) - 1)), "", ctx.log),
    );
    return "answered";
  }
  if (action.kind === "page" && interaction.isModalSubmit()) {
    Object.assign(paged.values, decodeFormValues(submittedValues(interaction), pageForm(paged, action.page)));
    const next = action.page + 1;
    if (next < pageCount(paged.form)) {
      await interaction.reply({ ...pageSaved(paged, next, interaction.locale), flags: MessageFlags.Ephemeral });
      return "answered";
    }
  }
  // The last page, or "Send now": the fields never shown keep their pre-filled values.
  paged.done = true;
  return fromFormValues(interaction, paged.form.id, mergedValues(paged), ctx.now());
}

/** "Page 1/3 saved", with "Continue (2/3)" and "Send now", in the member's Discord language. */
function pageSaved(paged: PagedForm, next: number, locale: string) {
  const t = createTranslator(toLocale(locale));
  const total = pageCount(paged.form);
  const row = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(nextPageId(paged, next))
      .setLabel(t("discordForms.continue", { page: next + 1, total }))
      .setStyle(ButtonStyle.Primary),
    new ButtonBuilder()
      .setCustomId(sendNowId(paged))
      .setLabel(t("discordForms.sendNow"))
      .setStyle(ButtonStyle.Secondary),
  );
  return { content: t("discordForms.saved", { page: next, total }), components: [row] };
}

/** The adapter's own sentence, only for the member, in their Discord language. */
async function tell(
  interaction: ModalOpener | ModalSubmitInteraction,
  key: "discordForms.sent" | "discordForms.expired",
  pages: FormPages,
): Promise<"answered"> {
  const t = createTranslator(toLocale(interaction.locale));
  await interaction.reply({ content: t(key, { minutes: pages.ttlMinutes }), flags: MessageFlags.Ephemeral });
  return "answered";
}
