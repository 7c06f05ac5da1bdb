import { App, type AuthorizeResult, type webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config/env.ts";
import type { AdapterDeps, ChannelAdapter } from "../../core/channel.ts";
import { createAnswers } from "./answers.ts";
import { registerListeners } from "./listeners.ts";
import { boltLogger } from "./logger.ts";
import { createChannelPacer } from "./pacer.ts";
import { createPeople } from "./people.ts";
import { createProactiveDelivery } from "./proactive.ts";
import { createReceiver, eventsWebhook } from "./receive.ts";
import { createSender, createWebClient, NO_RETRY, PRODUCTION_RETRY, type RetryPolicy } from "./send.ts";
import { createWorkQueue } from "./work.ts";

export interface SlackAdapterOptions {
  /** Gap between two messages to one channel; Slack allows about one per second (default 1000). */
  channelIntervalMs?: number;
  /** Retries of failed Web API calls for answers (tests shorten the delays); deliveries try once. */
  retry?: RetryPolicy;
  /** Gap between two deliveries (reminders, broadcasts) across the workspace (default 250: 240 a minute). */
  deliveryIntervalMs?: number;
  /** The retry delay a delivery suggests when Slack gives none (5xx, network error; default 3000). */
  deliveryRetryMs?: number;
  /** The slash command declared in slack/manifest.yml. */
  command?: string;
  /** Member actions dispatched at once; the rest wait, already acknowledged (default 32). */
  maxConcurrent?: number;
  now?: () => Date;
}

/** The Slack adapter, plus `idle()`: resolves once every event being handled has been answered. */
export interface SlackAdapter extends ChannelAdapter {
  idle(): Promise<void>;
}

/** Builds the Slack channel: Bolt receives (HTTP or socket mode), the core answers, Block Kit renders. */
export function createSlackAdapter(
  config: SlackConfig,
  deps: AdapterDeps,
  options: SlackAdapterOptions = {},
): SlackAdapter {
  const log = deps.log.child({ channel: "slack" });
  const retry = options.retry ?? PRODUCTION_RETRY;
  const client = createWebClient(config.botToken, config.apiUrl, log, retry);
  const pacer = createChannelPacer(options.channelIntervalMs ?? 1_000);
  const sender = createSender(client, log, { pacer, retry });
  const proactive = createProactiveDelivery(
    createWebClient(config.botToken, config.apiUrl, log, NO_RETRY, { rejectRateLimitedCalls: true }),
    pacer,
    log,
    {
      globalIntervalMs: options.deliveryIntervalMs ?? 250,
      defaultRetryMs: options.deliveryRetryMs ?? 3_000,
    },
  );
  const logger = boltLogger(log);
  const { receiver, http } = createReceiver(config, logger);
  const app = new App({
    receiver,
    logger,
    authorize: createAuthorize(client, config.botToken),
    // Bolt's own client is unused (every call goes through `client`), but it must not point elsewhere.
    clientOptions: { ...(config.apiUrl ? { slackApiUrl: client.slackApiUrl } : {}), retryConfig: { retries: 0 } },
    // Conversation state lives in the core's database, not in Bolt's in-memory store.
    convoStore: false,
  });

  const work = createWorkQueue(options.maxConcurrent ?? 32, log);

  const profile = deps.commands.find((c) => c.name === "profile");
  registerListeners(app, {
    dispatch: deps.dispatch,
    answers: createAnswers(sender, pacer),
    sender,
    people: createPeople(config.botToken, client.slackApiUrl, log),
    log,
    command: options.command ?? "/reseau",
    homeText: profile?.words.fr[0] ?? "profil",
    now: options.now ?? (() => new Date()),
    track: work.run,
  });

  let socketStarted = false;
  async function connectSocket(attempt = 0): Promise<void> {
    try {
      await app.start();
      socketStarted = true;
      log.info("slack: connected in socket mode");
    } catch (error) {
      const delay = Math.min(60_000, 1_000 * 2 ** attempt);
      log.error({ err: error, retryInMs: delay }, "slack: socket mode connection failed");
      setTimeout(() => void connectSocket(attempt + 1), delay).unref();
    }
  }

  return {
    platform: "slack",
    ...(http ? { webhooks: [eventsWebhook(http)] } : {}),
    async start() {
      if (config.appToken) return connectSocket();
      // HTTP mode receives through the bot's server; checking the token early makes a bad one visible.
      client.auth.test().then(
        (identity) => log.info({ team: identity.team_id, bot: identity.user_id }, "slack: token accepted"),
        (error: unknown) => log.error({ err: error }, "slack: the bot token was refused"),
      );
    },
    async stop() {
      if (socketStarted) await app.stop();
      await work.idle();
    },
    deliver: proactive.deliver,
    edit: proactive.edit,
    idle: work.idle,
  };
}

/** Single-workspace authorization: auth.test once, remembered on success, asked again after a failure. */
function createAuthorize(client: webApi.WebClient, botToken: string): () => Promise<AuthorizeResult> {
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    return { botToken, ...(await identity) };
  };
}
