import { setTimeout as sleep } from "node:timers/promises";
import {
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Logger } from "pino";
import type { Reply } from "../../core/reply.ts";
import type { FormMemory } from "./modal.ts";
import { showForm } from "./paged-form.ts";
import type { FormPages } from "./pages.ts";
import { openFormRow, type RenderedMessage, renderReply } from "./render.ts";
import { withUploads } from "./uploads.ts";

/** The interactions members start, which we answer. */
export type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

export interface RespondContext {
  log: Logger;
  memory: FormMemory;
  /** Forms of more than five fields, filled page by page. */
  pages: FormPages;
  /** How long to wait for the core before deferring; Discord wants an answer within 3 s. */
  ackAfterMs: number;
}

/** Past this age the answer must be on its way: Discord's deadline is 3 s, minus the time the request takes. */
const ACK_BUDGET_MS = 2500;

/** A rendered message as an interaction answer or follow-up, its files uploaded with it. */
const payload = (interaction: Answerable, m: RenderedMessage) =>
  withUploads<InteractionReplyOptions>(
    interaction,
    {
      content: m.content || undefined,
      components: m.components,
      allowedMentions: { parse: [] },
      ...(m.private ? { flags: MessageFlags.Ephemeral } : {}),
    },
    m.uploads,
  );

/**
 * Answers an interaction within Discord's 3-second deadline. The core's answer races a timer:
 * when it comes first (the usual case) it is the interaction's answer (a message, or a modal when
 * it carries a form: a modal must be the first response, so it cannot follow a defer); when the
 * timer wins, we defer (ephemeral "thinking…"), then edit that message with the answer.
 */
export async function answer(interaction: Answerable, work: Promise<Reply[]>, ctx: RespondContext): Promise<void> {
  const timer = new AbortController();
  // Discord counts from the interaction's creation: an event replayed after a reconnect is already old.
  const age = Date.now() - interaction.createdTimestamp;
  const wait = Math.max(0, Math.min(ctx.ackAfterMs, ACK_BUDGET_MS - age));
  const early = await Promise.race([work, sleep(wait, undefined, { signal: timer.signal }).catch(() => undefined)]);
  if (early) {
    timer.abort();
    return answerNow(interaction, early, ctx);
  }
  // The core is slow: acknowledge now. Ephemeral, because whatever is private must stay private;
  // public answers then come as follow-ups.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  return answerDeferred(interaction, await work, ctx);
}

/** Messages for the replies; a form we can no longer open becomes a button that opens it. */
function messagesFor(interaction: Answerable, replies: Reply[], ctx: RespondContext): RenderedMessage[] {
  return replies.flatMap((reply) => {
    if (!reply.form) return renderReply(reply, ctx.log);
    const opener = ctx.memory.park(interaction.user.id, reply.form, reply.text);
    return renderReply({ ...reply, visibility: "private" }, ctx.log, [openFormRow(opener, reply.form.title)]);
  });
}

async function answerNow(interaction: Answerable, replies: Reply[], ctx: RespondContext): Promise<void> {
  const withForm = replies.find((r) => r.form);
  // A modal cannot answer a modal submission; there the form waits behind a button.
  if (withForm?.form && !interaction.isModalSubmit()) {
    const intro = replies
      .map((r) => r.text)
      .filter(Boolean)
      .join("\n");
    return showForm(interaction, withForm.form, intro, ctx);
  }
  const [first, ...rest] = messagesFor(interaction, replies, ctx);
  if (!first) return; // a redelivered interaction: the core already answered it once
  await interaction.reply(payload(interaction, first));
  for (const message of rest) await interaction.followUp(payload(interaction, message));
}

async function answerDeferred(interaction: Answerable, replies: Reply[], ctx: RespondContext): Promise<void> {
  const messages = messagesFor(interaction, replies, ctx);
  // The deferred message is ephemeral: it takes the first private message; public ones follow.
  const inPlace = messages.findIndex((m) => m.private);
  if (inPlace >= 0) {
    const m = messages[inPlace]!;
    await interaction.editReply(
      withUploads<InteractionEditReplyOptions>(
        interaction,
        { content: m.content || null, components: m.components, allowedMentions: { parse: [] } },
        m.uploads,
      ),
    );
  }
  for (const [i, message] of messages.entries())
    if (i !== inPlace) await interaction.followUp(payload(interaction, message));
  if (inPlace < 0) await interaction.deleteReply();
}
