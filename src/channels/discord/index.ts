import { setTimeout as sleep } from "node:timers/promises";
import { DiscordjsErrorCodes, Events } from "discord.js";
import type { DiscordConfig } from "../../config/env.ts";
import type { AdapterDeps, ChannelAdapter } from "../../core/channel.ts";
import { createDiscordClient } from "./client.ts";
import { createDiscordDelivery } from "./deliver.ts";
import { createDeliveryRest } from "./delivery-rest.ts";
import { FormMemory } from "./modal.ts";
import { FormPages } from "./pages.ts";
import { createInteractionReceiver } from "./receive.ts";
import { registerCommands } from "./register.ts";

export interface DiscordAdapterOptions {
  /** Wait this long for the core before deferring the answer (Discord's deadline is 3 s). Default 1500. */
  ackAfterMs?: number;
  /** REST retries on 5xx / network errors (default 3) and per-request timeout (default 10 s). */
  restRetries?: number;
  restTimeoutMs?: number;
  /** Margin added to Discord's rate-limit reset times (default 50 ms). */
  rateLimitOffsetMs?: number;
  /** First delay before logging in again when Discord is unreachable at start (doubles, up to 1 min). */
  loginRetryMs?: number;
  /** Wait suggested to the delivery engine after a 5xx or a network error (default 2 s). */
  deliveryRetryAfterMs?: number;
  /** Longest a delivery waits for a channel Discord held with a 429 before handing the wait back (default 10 s). */
  deliveryMaxHoldWaitMs?: number;
  now?: () => Date;
  /** Overrides deps.directChannels (tests). */
  directChannels?: AdapterDeps["directChannels"];
  /** Observes each interaction once it is fully answered (metrics, tests). */
  onInteractionHandled?: (interactionId: string) => void;
}

/** The Discord channel: gateway client (discord.js), slash commands, buttons, menus and modals. */
export function createDiscordAdapter(
  config: DiscordConfig,
  deps: AdapterDeps,
  options: DiscordAdapterOptions = {},
): ChannelAdapter {
  const log = deps.log.child({ channel: "discord" });
  const client = createDiscordClient(
    config,
    {
      restRetries: options.restRetries ?? 3,
      restTimeoutMs: options.restTimeoutMs ?? 10_000,
      rateLimitOffsetMs: options.rateLimitOffsetMs ?? 50,
    },
    log,
  );
  const words = registerCommands(client, config.applicationId, deps.commands, log);
  const now = options.now ?? (() => new Date());
  const deliveryRest = createDeliveryRest(config, {
    timeoutMs: options.restTimeoutMs ?? 10_000,
    rateLimitOffsetMs: options.rateLimitOffsetMs ?? 50,
  });
  const delivery = createDiscordDelivery({
    rest: deliveryRest,
    log,
    retryAfterMs: options.deliveryRetryAfterMs ?? 2000,
    maxHoldWaitMs: options.deliveryMaxHoldWaitMs ?? 10_000,
    directChannels: options.directChannels ?? deps.directChannels,
  });
  const receiver = createInteractionReceiver({
    dispatch: deps.dispatch,
    log,
    memory: new FormMemory(),
    pages: new FormPages(() => now().getTime()),
    words,
    ackAfterMs: options.ackAfterMs ?? 1500,
    now,
    onHandled: options.onInteractionHandled,
    onDirectMessage: delivery.learnDirectChannel,
  });
  client.on(Events.InteractionCreate, receiver.receive);
  let stopped = false;

  /** Logs in again with backoff while Discord is unreachable; a rejected token is not retried. */
  async function loginInBackground(delayMs: number): Promise<void> {
    for (let wait = delayMs; !stopped; wait = Math.min(wait * 2, 60_000)) {
      await sleep(wait);
      if (stopped) return;
      try {
        await client.login(config.token);
        log.info("connected to the Discord gateway");
        return;
      } catch (error) {
        if (isTokenRejected(error))
          return void log.error("Discord rejected the bot token (DISCORD_BOT_TOKEN); not retrying");
        log.warn({ err: error, retryInMs: Math.min(wait * 2, 60_000) }, "Discord unreachable; will retry");
      }
    }
  }

  return {
    platform: "discord",
    async start() {
      try {
        await client.login(config.token);
        log.info("connected to the Discord gateway");
      } catch (error) {
        if (isTokenRejected(error)) {
          log.error("Discord rejected the bot token (DISCORD_BOT_TOKEN); the Discord channel stays off");
          return;
        }
        log.warn({ err: error }, "Discord unreachable at start; retrying in the background");
        void loginInBackground(options.loginRetryMs ?? 1000);
      }
    },
    async stop() {
      stopped = true;
      client.off(Events.InteractionCreate, receiver.receive);
      // Interactions in flight answer through token-authenticated webhooks: they finish after the gateway closes.
      await client.destroy();
      deliveryRest.clearHashSweeper();
      deliveryRest.clearHandlerSweeper();
      await receiver.drain();
    },
    deliver: delivery.deliver,
    edit: delivery.edit,
  };
}

function isTokenRejected(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && error.code === DiscordjsErrorCodes.TokenInvalid
  );
}
