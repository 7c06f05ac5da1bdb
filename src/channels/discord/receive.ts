import { type Interaction, InteractionContextType } from "discord.js";
import type { Logger } from "pino";
import type { Dispatch } from "../../core/dispatch.ts";
import type { InboundCommand } from "../../core/inbound.ts";
import { fromChoice, fromModal, fromSlashCommand } from "./map.ts";
import { type FormMemory, OPEN_FORM_PREFIX } from "./modal.ts";
import { continuePagedForm, showForm } from "./paged-form.ts";
import type { FormPages } from "./pages.ts";
import { type Answerable, answer } from "./respond.ts";

export interface ReceiveContext {
  dispatch: Dispatch;
  log: Logger;
  memory: FormMemory;
  pages: FormPages;
  /** Slash command name → the core's word. */
  words: Map<string, string>;
  ackAfterMs: number;
  now: () => Date;
  /** Called once an interaction is fully handled (answered, or skipped as a duplicate). */
  onHandled?: ((interactionId: string) => void) | undefined;
  /** A member wrote to the bot in its DM: that channel is where deliveries to them go. */
  onDirectMessage?: ((userId: string, channelId: string) => void) | undefined;
}

/** Receives INTERACTION_CREATE events: maps, dispatches, answers; `drain` waits for those in flight. */
export function createInteractionReceiver(ctx: ReceiveContext) {
  const inFlight = new Set<Promise<void>>();

  function toInbound(interaction: Answerable): InboundCommand | undefined {
    const at = ctx.now();
    if (interaction.isChatInputCommand()) return fromSlashCommand(interaction, ctx.words, at);
    if (interaction.isButton()) return fromChoice(interaction, interaction.customId, at);
    if (interaction.isStringSelectMenu())
      return fromChoice(interaction, interaction.values[0] ?? interaction.customId, at);
    if (interaction.isModalSubmit()) return fromModal(interaction, ctx.memory, at);
    return undefined;
  }

  async function handle(interaction: Answerable): Promise<void> {
    // A button standing for a form opens it at once, well within the deadline, without the core.
    if (interaction.isButton() && interaction.customId.startsWith(OPEN_FORM_PREFIX)) {
      const parked = ctx.memory.unpark(interaction.customId, interaction.user.id);
      if (parked) return showForm(interaction, parked.form, parked.intro, ctx);
      // Expired (or forged): the core answers an unknown action with a sentence.
    }
    // The pages of a form of more than five fields are gathered here; the core gets the whole form.
    const paged = await continuePagedForm(interaction, ctx);
    if (paged === "answered") return;
    const inbound = paged ?? toInbound(interaction);
    if (!inbound) return;
    await answer(interaction, ctx.dispatch(inbound), ctx);
  }

  function receive(interaction: Interaction): void {
    if (!interaction.isChatInputCommand() && !interaction.isMessageComponent() && !interaction.isModalSubmit()) return;
    if (interaction.context === InteractionContextType.BotDM && interaction.channelId)
      ctx.onDirectMessage?.(interaction.user.id, interaction.channelId);
    // A resumed gateway may replay an interaction: the core claims each interaction id once
    // (eventId), answers a replay with no reply, and answerNow then sends nothing.
    const work = handle(interaction)
      .catch((error: unknown) => {
        ctx.log.error(
          { err: error, interactionId: interaction.id, type: interaction.type },
          "could not answer a Discord interaction",
        );
      })
      .finally(() => {
        inFlight.delete(work);
        ctx.onHandled?.(interaction.id);
      });
    inFlight.add(work);
  }

  return {
    receive,
    drain: async () => {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
