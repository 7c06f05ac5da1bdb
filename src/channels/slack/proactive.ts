import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { DeliveryOutcome, DeliveryTarget } from "../../core/channel.ts";
import type { Reply } from "../../core/reply.ts";
import { type ContentFile, contentFiles, directChannel, isUserId, uploadArguments, uploadedFileIds } from "./files.ts";
import { classifySlackError } from "./outcome.ts";
import { type ChannelPacer, createGlobalGate } from "./pacer.ts";
import { hasMessage, messagePayload } from "./render.ts";

export interface ProactiveOptions {
  /** Gap between two deliveries across the workspace (Slack: several hundred posts a minute). */
  globalIntervalMs: number;
  /** The wait suggested when Slack gives none (5xx, network error, timeout). */
  defaultRetryMs: number;
}

/** Sends one Reply on the bot's initiative, or replaces one it sent; see ChannelAdapter. */
export interface ProactiveDelivery {
  deliver(target: DeliveryTarget, reply: Reply): Promise<DeliveryOutcome>;
  edit(target: DeliveryTarget, platformMessageId: string, reply: Reply): Promise<DeliveryOutcome>;
}

/**
 * Reminders and broadcasts. `client` makes one attempt per call (no retries, 429 rejected): the
 * delivery engine retries from its outbox, so a restart loses nothing. Posts share the answers'
 * per-channel pacing, and a 429 holds the channel for answers too.
 *
 * A member is written to by their user id: Slack posts to the app's direct conversation with them
 * (opening it if needed) and answers with its id, so no conversations.open comes first. Until that
 * id is known, the member's posts are paced under their user id; the pacer then joins the two.
 *
 * A Reply is one Slack message (its text in sections, its choices as buttons pressed later like any
 * other), so there are no parts to repeat on a retry; `platformMessageId` is `<channel>:<ts>`, what
 * chat.update needs, so an edit finds the message whoever it was sent to. Edits are paced and
 * classified as posts are. A form cannot open without a member's action: its text and choices are sent.
 * Files with bytes are uploaded in one message before it (see `send`); an edit leaves them as they are.
 */
export function createProactiveDelivery(
  client: webApi.WebClient,
  pacer: ChannelPacer,
  log: Logger,
  options: ProactiveOptions,
): ProactiveDelivery {
  const turn = createGlobalGate(options.globalIntervalMs);

  function failedAttempt(
    error: unknown,
    method: string,
    route: string,
    context: Record<string, unknown>,
  ): DeliveryOutcome {
    const { outcome, rateLimitedMs, unexpected } = classifySlackError(error, method, options.defaultRetryMs);
    // Other posts to this channel, answers included, wait as Slack asked.
    if (rateLimitedMs) pacer.hold(route, rateLimitedMs);
    if (unexpected) log.error({ err: error, method, ...context }, "slack: delivery failed unexpectedly");
    else log.warn({ method, outcome, ...context }, "slack: delivery not accepted");
    return outcome;
  }

  /** Posts to a channel, or to a user id (their DM with the bot, named in Slack's answer). */
  function post(to: string, reply: Reply): Promise<DeliveryOutcome> {
    return pacer.paced(to, async () => {
      await turn();
      try {
        const posted = await client.chat.postMessage({ channel: to, ...messagePayload(renderable(reply)) });
        const channel = posted.channel ?? to;
        // The member's next posts, and answers in their DM, take turns with this one.
        if (channel !== to) pacer.sameChannel(to, channel);
        return { kind: "sent", platformMessageId: `${channel}:${posted.ts ?? ""}` };
      } catch (error) {
        return failedAttempt(error, "chat.postMessage", to, { channel: to });
      }
    });
  }

  /** Shares files in one message, into a conversation or a member's DM (opened first: uploads need its id). */
  async function upload(to: string, files: ContentFile[]): Promise<DeliveryOutcome> {
    let channel = to;
    if (isUserId(to)) {
      try {
        channel = await directChannel(client, pacer, to);
      } catch (error) {
        return failedAttempt(error, "conversations.open", to, { user: to });
      }
    }
    // Sharing writes a message in the conversation: the channel's turn and the workspace's spacing, as a post.
    return pacer.paced(channel, async () => {
      await turn();
      try {
        const ids = uploadedFileIds(await client.files.uploadV2(uploadArguments(channel, files)));
        // No chat.update can change a file message: this id is only a record of what was sent.
        return { kind: "sent", platformMessageId: `${channel}:${ids.join(",")}` };
      } catch (error) {
        return failedAttempt(error, "files.uploadV2", channel, { channel, files: files.map((f) => f.name) });
      }
    });
  }

  /**
   * The files, then the message. A failure between the two makes the engine's retry send the first
   * again. The upload goes first because it is what fails for lasting reasons (the app lacks the
   * files:write scope, a file is refused) while the post after it rarely does: a member does not get
   * the same text at every retry. The message's id is the one returned, for edits.
   */
  async function send(to: string, reply: Reply): Promise<DeliveryOutcome> {
    const files = contentFiles(reply);
    if (files.length === 0) return post(to, reply);
    const uploaded = await upload(to, files);
    if (uploaded.kind !== "sent" || !hasMessage(renderable(reply))) return uploaded;
    return post(to, reply);
  }

  // The channel's turn and the workspace's spacing, as a post: an edit is a message written there.
  function update(channel: string, ts: string, reply: Reply): Promise<DeliveryOutcome> {
    return pacer.paced(channel, async () => {
      await turn();
      try {
        await client.chat.update({ channel, ts, ...messagePayload(renderable(reply)) });
        return { kind: "sent", platformMessageId: `${channel}:${ts}` };
      } catch (error) {
        // message_not_found, cant_update_message, edit_window_closed: failed, as a refused post.
        return failedAttempt(error, "chat.update", channel, { channel, ts });
      }
    });
  }

  async function edit(target: DeliveryTarget, platformMessageId: string, reply: Reply): Promise<DeliveryOutcome> {
    const sent = /^([A-Z0-9]+):(\d+\.\d+)$/i.exec(platformMessageId);
    if (!sent) return { kind: "failed", reason: `not a Slack message id (<channel>:<ts>): ${platformMessageId}` };
    try {
      return await update(sent[1]!, sent[2]!, reply);
    } catch (error) {
      log.error({ err: error, target }, "slack: editing a message failed unexpectedly");
      return {
        kind: "retry",
        afterMs: options.defaultRetryMs,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async function deliver(target: DeliveryTarget, reply: Reply): Promise<DeliveryOutcome> {
    try {
      if (target.to === "conversation") return await send(target.id, reply);
      // A member's externalId on Slack is "<team>:<user>".
      const user = /^[A-Z0-9]+:([A-Z0-9]+)$/i.exec(target.id)?.[1];
      if (!user) return { kind: "failed", reason: `not a Slack member id: ${target.id}` };
      return await send(user, reply);
    } catch (error) {
      log.error({ err: error, target }, "slack: delivery failed unexpectedly");
      return {
        kind: "retry",
        afterMs: options.defaultRetryMs,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }

  return { deliver, edit };
}

/** The Reply as a message: a form is left out (it opens only from a member's action), its title kept if there is no text. */
function renderable(reply: Reply): Reply {
  if (!reply.form) return reply;
  const { form, ...message } = reply;
  return message.text.trim() ? message : { ...message, text: form.title };
}
