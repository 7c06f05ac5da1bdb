import { setTimeout as sleep } from "node:timers/promises";
import { type REST, Routes } from "discord.js";
import type { Logger } from "pino";
import type { DeliveryOutcome, DeliveryTarget, DirectChannelStore } from "../../core/channel.ts";
import type { Reply } from "../../core/reply.ts";
import { clip } from "../text.ts";
import { outcomeOfError } from "./delivery-outcome.ts";
import { DeliveryRateLimited } from "./delivery-rest.ts";
import { RouteHolds } from "./holds.ts";
import { CONTENT_MAX, type RenderedMessage, renderReply } from "./render.ts";
import { attachmentsField, rawFiles, type Upload } from "./uploads.ts";

/** What a delivery needs from the adapter. */
export interface DeliveryContext {
  /** A REST manager that tries once (see createDeliveryRest). */
  rest: REST;
  log: Logger;
  /** Wait suggested after a 5xx, a timeout or a dropped connection (Discord gives none). */
  retryAfterMs: number;
  /** Longest a delivery waits for a route Discord held with a 429; a longer hold is handed back as `retry`. */
  maxHoldWaitMs: number;
  /** Keeps DM channels across restarts: a member's later deliveries skip opening it. */
  directChannels?: DirectChannelStore | undefined;
}

/** Discord ids are snowflakes; anything else would end up in the request path. */
const SNOWFLAKE = /^\d{17,20}$/;
/** DM channels remembered; opening one again is harmless (Discord returns the same channel), only slower. */
const DM_CACHE_MAX = 10_000;

type Step<T> = { ok: true; value: T } | { ok: false; outcome: DeliveryOutcome };
type MessageBody = Record<string, unknown>;
/** A message's JSON, and the files sent with it as multipart (`payload_json` + `files[n]`). */
type OutgoingMessage = { body: MessageBody; uploads: Upload[] };

/** Delivers and edits messages on the bot's own initiative; see ChannelAdapter. */
export interface DiscordDelivery {
  deliver(target: DeliveryTarget, reply: Reply): Promise<DeliveryOutcome>;
  edit(target: DeliveryTarget, platformMessageId: string, reply: Reply): Promise<DeliveryOutcome>;
  /** The member's DM channel, learnt from their own interaction there: their deliveries skip opening it. */
  learnDirectChannel(userId: string, channelId: string): void;
}

/**
 * A channel message. No ephemeral flag: a member's private replies go to their DM. Its
 * `attachments` name the uploads; on an edit they also replace the files the message had.
 */
const toOutgoing = (message: RenderedMessage): OutgoingMessage => ({
  body: {
    content: message.content || undefined,
    components: message.components.map((row) => row.toJSON()),
    allowed_mentions: { parse: [] },
    ...(message.uploads.length > 0 ? { attachments: attachmentsField(message.uploads) } : {}),
  },
  uploads: message.uploads,
});

/** discord.js's request data: JSON alone, or multipart when there are files. */
const requestData = (message: OutgoingMessage) =>
  message.uploads.length > 0 ? { body: message.body, files: rawFiles(message.uploads) } : { body: message.body };

/**
 * Sends a Reply on the bot's own initiative: to a member (their user id; the DM channel is opened
 * once, remembered and kept in the store when there is one) or to a channel. Rendered as an answer is, choices as buttons or menus whose
 * presses come back as interactions; a form cannot be opened without an interaction, so only its
 * text and choices go out. A long text is several messages: the outcome is the first failing
 * part's, so a retry may repeat the parts already sent (the engine delivers at least once).
 * Paced by discord.js's buckets and by the holds Discord's 429s impose; tries once; never throws.
 * An edit finds the channel again from the target (the DM is remembered, or opened again).
 */
export function createDiscordDelivery(ctx: DeliveryContext): DiscordDelivery {
  const holds = new RouteHolds();
  const dmChannels = new Map<string, string>();

  /** One request, after any hold Discord imposed on its route; its failure classified, 429s remembered. */
  async function attempt<T>(route: string, what: Record<string, unknown>, request: () => Promise<T>): Promise<Step<T>> {
    const wait = holds.remaining(route);
    if (wait > ctx.maxHoldWaitMs)
      return {
        ok: false,
        outcome: { kind: "retry", afterMs: wait, reason: "Discord asked to wait before sending here again" },
      };
    if (wait > 0) await sleep(wait);
    try {
      return { ok: true, value: await request() };
    } catch (error) {
      if (error instanceof DeliveryRateLimited)
        holds.hold(error.global ? RouteHolds.GLOBAL : route, error.retryAfterMs);
      const outcome = outcomeOfError(error, ctx.retryAfterMs);
      // The outcome says what Discord said; the error itself carries the message body, which stays out of the logs.
      ctx.log.warn(
        { ...what, outcome },
        outcome.kind === "retry" ? "Discord delivery to retry" : "Discord delivery failed",
      );
      return { ok: false, outcome };
    }
  }

  function keep(userId: string, channelId: string): void {
    dmChannels.set(userId, channelId);
    if (dmChannels.size > DM_CACHE_MAX) dmChannels.delete(dmChannels.keys().next().value!);
  }

  // The store is a shortcut: when it cannot answer, the DM is opened as if it had never been kept.
  async function stored(userId: string): Promise<string | undefined> {
    try {
      return await ctx.directChannels?.find("discord", userId);
    } catch (error) {
      ctx.log.warn({ err: error, userId }, "could not read a member's kept Discord DM channel");
      return undefined;
    }
  }

  async function dmChannelOf(userId: string): Promise<Step<string>> {
    const known = dmChannels.get(userId) ?? (await stored(userId));
    if (known) {
      keep(userId, known);
      return { ok: true, value: known };
    }
    const opened = await attempt(
      "dm",
      { userId },
      () => ctx.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }) as Promise<{ id: string }>,
    );
    if (!opened.ok) return opened;
    keep(userId, opened.value.id);
    await remember(userId, opened.value.id);
    return { ok: true, value: opened.value.id };
  }

  function remember(userId: string, channelId: string): Promise<void> {
    return (ctx.directChannels?.remember("discord", userId, channelId) ?? Promise.resolve()).catch((error: unknown) =>
      ctx.log.warn({ err: error, userId }, "could not keep a member's Discord DM channel"),
    );
  }

  function learnDirectChannel(userId: string, channelId: string): void {
    // Written once per member and process: their next interactions find it in memory.
    if (dmChannels.get(userId) === channelId) return;
    keep(userId, channelId);
    void remember(userId, channelId);
  }

  function post(channelId: string, message: OutgoingMessage): Promise<Step<{ id: string }>> {
    return attempt(
      `channel:${channelId}`,
      { channelId },
      () => ctx.rest.post(Routes.channelMessages(channelId), requestData(message)) as Promise<{ id: string }>,
    );
  }

  /** The reply as Discord messages, or why it cannot be one. */
  function rendered(target: DeliveryTarget, reply: Reply): Step<RenderedMessage[]> {
    try {
      const messages = renderReply(reply, ctx.log);
      if (messages.length === 0)
        return { ok: false, outcome: { kind: "failed", reason: "the reply has nothing to show" } };
      return { ok: true, value: messages };
    } catch (error) {
      // The builders refuse what Discord would refuse: trying again would not change it.
      ctx.log.error({ err: error, target }, "a reply Discord cannot carry was not delivered");
      return {
        ok: false,
        outcome: {
          kind: "failed",
          reason: `the reply cannot be rendered for Discord: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
    }
  }

  function channelOf(target: DeliveryTarget): Promise<Step<string>> {
    return target.to === "member" ? dmChannelOf(target.id) : Promise.resolve({ ok: true, value: target.id });
  }

  async function deliver(target: DeliveryTarget, reply: Reply): Promise<DeliveryOutcome> {
    if (!SNOWFLAKE.test(target.id))
      return {
        kind: "failed",
        reason: `not a Discord ${target.to === "member" ? "user" : "channel"} id: ${target.id}`,
      };
    const render = rendered(target, reply);
    if (!render.ok) return render.outcome;
    const messages = render.value.map(toOutgoing);
    if (reply.form)
      ctx.log.info({ target, formId: reply.form.id }, "a delivery cannot open a form; its text and choices were sent");
    const channel = await channelOf(target);
    if (!channel.ok) return channel.outcome;
    let lastId = "";
    for (const message of messages) {
      const sent = await post(channel.value, message);
      if (!sent.ok) return sent.outcome;
      lastId = sent.value.id;
    }
    return { kind: "sent", platformMessageId: lastId };
  }

  /** One message replaced: a text that took several messages is clipped to one, the choices kept under it. */
  async function edit(target: DeliveryTarget, messageId: string, reply: Reply): Promise<DeliveryOutcome> {
    if (!SNOWFLAKE.test(target.id))
      return {
        kind: "failed",
        reason: `not a Discord ${target.to === "member" ? "user" : "channel"} id: ${target.id}`,
      };
    if (!SNOWFLAKE.test(messageId)) return { kind: "failed", reason: `not a Discord message id: ${messageId}` };
    const render = rendered(target, reply);
    if (!render.ok) return render.outcome;
    const content = clip(render.value.map((m) => m.content).join("\n"), CONTENT_MAX);
    // An empty content and no rows clear what the message showed before (PATCH keeps omitted fields).
    const last = toOutgoing({ ...render.value.at(-1)!, content });
    const message = { ...last, body: { ...last.body, content } };
    const channel = await channelOf(target);
    if (!channel.ok) return channel.outcome;
    const route = `channel:${channel.value}`;
    const edited = await attempt(
      route,
      { channelId: channel.value, messageId },
      () =>
        ctx.rest.patch(Routes.channelMessage(channel.value, messageId), requestData(message)) as Promise<{
          id: string;
        }>,
    );
    return edited.ok ? { kind: "sent", platformMessageId: messageId } : edited.outcome;
  }

  /** Whatever throws unexpectedly is logged and retried later: the engine is never thrown at. */
  const guarded =
    <A extends unknown[]>(what: string, run: (target: DeliveryTarget, ...rest: A) => Promise<DeliveryOutcome>) =>
    async (target: DeliveryTarget, ...rest: A): Promise<DeliveryOutcome> => {
      try {
        return await run(target, ...rest);
      } catch (error) {
        ctx.log.error({ err: error, target }, `unexpected error while ${what} a Discord message`);
        return {
          kind: "retry",
          afterMs: ctx.retryAfterMs,
          reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    };

  return { deliver: guarded("delivering", deliver), edit: guarded("editing", edit), learnDirectChannel };
}
