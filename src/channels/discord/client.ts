import { Client, Events, GatewayIntentBits, Options, RESTEvents } from "discord.js";
import type { Logger } from "pino";
import type { DiscordConfig } from "../../config/env.ts";

// discord.js takes a number: this many a second is never reached, so nothing waits for the global window.
const UNPACED = 1_000_000;

export interface ClientSettings {
  /** How many times discord.js retries a request that failed with a 5xx or a network error. */
  restRetries: number;
  /** How long one REST request may take before it is abandoned (and retried). */
  restTimeoutMs: number;
  /** Extra wait added to Discord's reset times, against clock skew (discord.js's `offset`). */
  rateLimitOffsetMs: number;
}

/**
 * The discord.js gateway client. Intents: `Guilds` only (not privileged): it brings GUILD_CREATE,
 * so commands are declared in each guild the bot joins; interactions need no intent at all.
 * discord.js's REST manager keeps per-route buckets from the X-RateLimit headers, waits out 429s
 * for their Retry-After, and retries 5xx; we log what it does. It answers interactions (callbacks,
 * follow-ups, edits through the interaction's token), which Discord does not count against the
 * bot's global limit: it does not pace them under one either, so a burst of members is never
 * answered at 50 a second. Its only bot-authenticated requests are the command declarations,
 * which register.ts spaces itself; deliveries have a REST manager and a budget of their own.
 */
export function createDiscordClient(config: DiscordConfig, settings: ClientSettings, log: Logger): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      retries: settings.restRetries,
      timeout: settings.restTimeoutMs,
      offset: settings.rateLimitOffsetMs,
      globalRequestsPerSecond: UNPACED,
    },
    // We never read messages or member lists: keep no message cache and a small member cache.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: { maxSize: 1000, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    allowedMentions: { parse: [] },
  });

  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status >= 500) {
      const willRetry = request.retries < settings.restRetries;
      log.warn(
        {
          method: request.method,
          route: request.route,
          status: response.status,
          attempt: request.retries + 1,
          willRetry,
        },
        willRetry
          ? "Discord answered with a server error; retrying"
          : "Discord answered with a server error; giving up",
      );
    }
  });
  client.rest.on(RESTEvents.RateLimited, (info) => {
    log.info(
      { route: info.route, global: info.global, retryAfterMs: info.retryAfter, scope: info.scope },
      "Discord rate limit reached; waiting",
    );
  });
  client.on(Events.Error, (error) => log.error({ err: error }, "Discord client error"));
  client.on(Events.ShardError, (error) => log.error({ err: error }, "Discord gateway error"));
  client.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, "Discord gateway disconnected"));
  client.on(Events.ShardReconnecting, () => log.info("Discord gateway reconnecting"));
  client.on(Events.ShardResume, (_id, replayed) => log.info({ replayed }, "Discord gateway session resumed"));
  return client;
}
