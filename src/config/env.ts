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
  database:
    | { kind: "pglite"; dataDir: string }
    | { kind: "postgresql"; url: string; schema: string };
  seedDemo: boolean;
  localChannel: { enabled: boolean; networkSlug: string };
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

const envSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: postgresUrl.optional(),
  PGLITE_DATA_DIR: z.string().min(1).default("./data/pglite"),
  SEED_DEMO: booleanFlag.default(true),
  LOCAL_CHANNEL: booleanFlag.default(true),
  LOCAL_NETWORK: z.string().regex(/^[a-z0-9-]+$/, { error: "must be a network slug (a-z, 0-9, -)" }).default("tarn-et-garonne"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().positive().default(10_000),
});

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
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL ? postgresTarget(e.DATABASE_URL) : { kind: "pglite", dataDir: e.PGLITE_DATA_DIR },
    seedDemo: e.SEED_DEMO,
    localChannel: { enabled: e.LOCAL_CHANNEL, networkSlug: e.LOCAL_NETWORK },
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
