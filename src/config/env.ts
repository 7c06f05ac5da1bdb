import { z } from "zod";

/** Telegram: long polling, or a webhook when `webhook` is set. `apiRoot` points grammY elsewhere (tests). */
export interface TelegramConfig {
  token: string;
  webhook?: { publicUrl: string; secret: string };
  apiRoot?: string;
}

/** Slack: socket mode when `appToken` is set, else the HTTP receiver (signed requests). `apiUrl`: Web API base (tests). */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
}

/** Discord: gateway client; `apiUrl` is the REST base discord.js calls (tests point it at a fake). */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl?: string;
}

/** What the bot needs from its environment; the only place that reads `process.env`. */
export interface Config {
  host: string;
  port: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  database: { kind: "pglite"; dataDir: string } | { kind: "postgresql"; url: string; schema: string };
  /**
   * Demo mode: the demo network and its `demo-*` identities exist, and the web chat believes the
   * user id typed in its page — so the server listens on loopback only. Off, nobody is seeded and
   * the web chat's API answers only signed-in members.
   */
  demo: boolean;
  localChannel: { enabled: boolean; networkSlug: string };
  /** Host names the HTTP server answers (the `Host` header, and `Origin` on changes): loopback, plus `PUBLIC_URL`'s. */
  allowedHosts: string[];
  /** Variables still read under an old name: logged once at start-up. */
  deprecations: string[];
  /** Network of private conversations that no workspace, guild or group binds (single-network deployments). */
  defaultNetwork?: string | undefined;
  telegram?: TelegramConfig | undefined;
  slack?: SlackConfig | undefined;
  discord?: DiscordConfig | undefined;
  shutdownTimeoutMs: number;
}

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z
  .url({ error: "must be a postgres:// or postgresql:// URL" })
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { error: "must be a postgres:// or postgresql:// URL" });

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const secret = z.string().min(1);

const envSchema = z
  .object({
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: postgresUrl.optional(),
    PGLITE_DATA_DIR: z.string().min(1).default("./data/pglite"),
    DEMO: booleanFlag.optional(),
    SEED_DEMO: booleanFlag.optional(),
    LOCAL_CHANNEL: booleanFlag.optional(),
    LOCAL_NETWORK: z
      .string()
      .regex(/^[a-z0-9-]+$/, { error: "must be a network slug (a-z, 0-9, -)" })
      .default("tarn-et-garonne"),
    SHUTDOWN_TIMEOUT_MS: z.coerce
      .number({ error: "must be a number of milliseconds" })
      .int()
      .positive()
      .default(10_000),
    DEFAULT_NETWORK: z
      .string()
      .regex(/^[a-z0-9-]+$/, { error: "must be a network slug (a-z, 0-9, -)" })
      .optional(),
    PUBLIC_URL: httpUrl.optional(),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]+$/, { error: "must look like 123456:ABC-DEF… (from BotFather)" })
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[\w-]{1,256}$/, { error: "must be 1-256 letters, digits, _ or -" })
      .optional(),
    TELEGRAM_API_ROOT: httpUrl.optional(),
    SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", { error: "must be a bot token (xoxb-…)" }).optional(),
    SLACK_SIGNING_SECRET: secret.optional(),
    SLACK_APP_TOKEN: z.string().startsWith("xapp-", { error: "must be an app-level token (xapp-…)" }).optional(),
    SLACK_API_URL: httpUrl.optional(),
    DISCORD_BOT_TOKEN: secret.optional(),
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{15,25}$/, { error: "must be the application id (a number)" })
      .optional(),
    DISCORD_API_URL: httpUrl.optional(),
  })
  .superRefine((e, ctx) => {
    const need = (when: boolean, variable: string, message: string) => {
      if (when) ctx.addIssue({ code: "custom", path: [variable], message });
    };
    need(!!e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET, "SLACK_SIGNING_SECRET", "required with SLACK_BOT_TOKEN");
    need(
      !e.SLACK_BOT_TOKEN && !!(e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN),
      "SLACK_BOT_TOKEN",
      "required with SLACK_SIGNING_SECRET / SLACK_APP_TOKEN",
    );
    need(
      !!e.DISCORD_BOT_TOKEN && !e.DISCORD_APPLICATION_ID,
      "DISCORD_APPLICATION_ID",
      "required with DISCORD_BOT_TOKEN",
    );
    need(
      !!e.TELEGRAM_WEBHOOK_SECRET && !e.PUBLIC_URL,
      "PUBLIC_URL",
      "required with TELEGRAM_WEBHOOK_SECRET (the webhook is ${PUBLIC_URL}/telegram/webhook)",
    );
    need(
      !!e.TELEGRAM_WEBHOOK_SECRET && !e.TELEGRAM_BOT_TOKEN,
      "TELEGRAM_BOT_TOKEN",
      "required with TELEGRAM_WEBHOOK_SECRET",
    );
    need(
      (e.DEMO ?? e.SEED_DEMO ?? true) && !isLoopback(e.HOST),
      "HOST",
      `${e.HOST} is not a loopback address, and in demo mode anyone who reaches the port can act as any member, the coordinator included; set HOST=127.0.0.1 to try the demo, or DEMO=false for a real deployment`,
    );
  });

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h === "::1" ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    h === "::ffff:127.0.0.1"
  );
}

// Names a browser on this machine uses for the bot; others are refused (DNS rebinding).
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** Raised when the environment is wrong; its message names every wrong variable. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Parses the environment once; throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const demo = e.DEMO ?? e.SEED_DEMO ?? true;
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL ? postgresTarget(e.DATABASE_URL) : { kind: "pglite", dataDir: e.PGLITE_DATA_DIR },
    demo,
    // In production the web chat waits for web sign-in: off unless asked for.
    localChannel: { enabled: e.LOCAL_CHANNEL ?? demo, networkSlug: e.LOCAL_NETWORK },
    allowedHosts: [...LOOPBACK_HOSTS, ...(e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).hostname] : [])],
    deprecations:
      e.SEED_DEMO !== undefined
        ? ["SEED_DEMO is deprecated: use DEMO (true or false); DEMO wins when both are set"]
        : [],
    defaultNetwork: e.DEFAULT_NETWORK,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          ...(e.TELEGRAM_WEBHOOK_SECRET && e.PUBLIC_URL
            ? { webhook: { publicUrl: e.PUBLIC_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } }
            : {}),
          ...(e.TELEGRAM_API_ROOT ? { apiRoot: e.TELEGRAM_API_ROOT } : {}),
        }
      : undefined,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
          }
        : undefined,
    discord:
      e.DISCORD_BOT_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_BOT_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
          }
        : undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Prisma's `?schema=` convention selects a PostgreSQL schema; the driver must not see it. */
function postgresTarget(raw: string): Config["database"] {
  const url = new URL(raw);
  const schema = url.searchParams.get("schema") ?? "public";
  url.searchParams.delete("schema");
  return { kind: "postgresql", url: url.toString(), schema };
}
