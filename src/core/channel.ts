import type { Logger } from "pino";
import type { CommandInfo } from "./command-catalog.ts";
import type { Dispatch } from "./dispatch.ts";
import type { Platform } from "./inbound.ts";
import type { Reply } from "./reply.ts";
import type { WebhookRoute } from "./webhook.ts";

/**
 * Where a message goes on the bot's own initiative: a member in a private conversation (their
 * PlatformIdentity.externalId; the adapter opens the DM if needed), or a conversation (a Telegram
 * chat id, a Slack channel id, a Discord channel id).
 */
export interface DeliveryTarget {
  to: "member" | "conversation";
  id: string;
}

/** What became of one delivery attempt; the delivery engine decides what to do next. */
export type DeliveryOutcome =
  /** Accepted by the platform; the id of the message a later edit changes (the last text message, not a file). */
  | { kind: "sent"; platformMessageId: string }
  /** Worth trying again later: 429 (with the platform's retry-after), 5xx, network error, timeout. */
  | { kind: "retry"; afterMs: number; reason: string }
  /** Will never work as is: bot blocked, user or chat gone, payload refused. Not retried. */
  | { kind: "failed"; reason: string };

/**
 * The port every platform adapter implements (src/channels/*): receives the platform's events,
 * acknowledges them within the platform's deadline, maps them to InboundCommands for `dispatch`,
 * renders the Replies natively and sends them within the platform's rate limits. It holds no
 * business rule.
 */
export interface ChannelAdapter {
  readonly platform: Platform;
  /** The bot's own username on the platform once connected (Telegram's, for t.me deep links), else undefined. */
  botUsername?(): string | undefined;
  /** Webhooks the bot's HTTP server mounts (production receivers), if the adapter receives over HTTP. */
  webhooks?: readonly WebhookRoute[];
  /**
   * Starts receiving (long polling, socket mode, gateway). Resolves once connected; a platform that
   * is down is retried with backoff in the background and logged, never thrown at the caller.
   */
  start(): Promise<void>;
  /** Stops receiving; events being handled finish first. */
  stop(): Promise<void>;
  /**
   * Sends `reply` on the bot's own initiative (reminders, broadcasts), rendered as for an answer.
   * Paces itself under the platform's limits (waiting its turn is fine), tries once, never throws:
   * retries are the delivery engine's, so that a restart loses nothing.
   */
  deliver(target: DeliveryTarget, reply: Reply): Promise<DeliveryOutcome>;
  /**
   * Replaces a message the bot delivered (live progress of a broadcast) with `reply`; same pacing
   * and outcomes as `deliver`. `platformMessageId` is what `deliver` returned for it.
   */
  edit(target: DeliveryTarget, platformMessageId: string, reply: Reply): Promise<DeliveryOutcome>;
}

/** What every adapter gets from the composition root. */
export interface AdapterDeps {
  dispatch: Dispatch;
  log: Logger;
  /** Every command of the bot, to declare them natively (menus, slash commands). */
  commands: CommandInfo[];
  /** Where members' direct-message channels are kept across restarts (Discord opens one per member). */
  directChannels?: DirectChannelStore;
}

/** A platform's direct-message channel with each member, kept once known. */
export interface DirectChannelStore {
  /** The channel remembered for this account, if any. */
  find(platform: Platform, externalId: string): Promise<string | undefined>;
  remember(platform: Platform, externalId: string, channelId: string): Promise<void>;
}
