import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { CommandInfo } from "../core/command-catalog.ts";
import type { Dispatch } from "../core/dispatch.ts";
import type { Platform } from "../core/inbound.ts";

/**
 * A platform adapter: receives the platform's events, acknowledges them within the platform's
 * deadline, maps them to InboundCommands for `dispatch`, renders the Replies natively and sends them
 * within the platform's rate limits. It holds no business rule.
 */
export interface ChannelAdapter {
  readonly platform: Platform;
  /** Webhook routes mounted on the bot's HTTP server (production receivers), if any. */
  registerRoutes?(app: FastifyInstance): Promise<void>;
  /**
   * Starts receiving (long polling, socket mode, gateway). Resolves once connected; a platform that
   * is down is retried with backoff in the background and logged, never thrown at the caller.
   */
  start(): Promise<void>;
  /** Stops receiving; events being handled finish first. */
  stop(): Promise<void>;
}

/** What every adapter gets from the composition root. */
export interface AdapterDeps {
  dispatch: Dispatch;
  log: Logger;
  /** Every command of the bot, to declare them natively (menus, slash commands). */
  commands: CommandInfo[];
}
