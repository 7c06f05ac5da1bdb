// Support for the delivery proofs: bot processes (`node src/main.ts`, as deployed) sharing one
// PostgreSQL schema, sending through a fake Telegram Bot API server that runs in the test process
// with Telegram's real limits, and members created in bulk.
import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { TEST_TOKEN } from "../fakes/telegram/driver.ts";
import { FakeTelegram } from "../fakes/telegram/server.ts";
import { dropSchema, postgresUrl } from "../support/database.ts";
import { type BotProcess, startBot } from "../support/process.ts";

/** The PostgreSQL server of the proofs: the suite's when it runs on one, else the machine's. */
export const PROOF_POSTGRES = postgresUrl ?? "postgresql://postgres@127.0.0.1:5432/test";

/** A fresh schema on the proofs' PostgreSQL, its URL for bot processes, and a client for the test. */
export async function sharedSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `proof_${randomBytes(5).toString("hex")}`;
  const url = new URL(PROOF_POSTGRES);
  url.searchParams.set("schema", schema);
  return { url: url.toString(), schema, drop: () => dropSchema(schema, PROOF_POSTGRES) };
}

/** A bot process on `databaseUrl`, sending to the fake Telegram. */
export function startTelegramBot(
  databaseUrl: string,
  fake: FakeTelegram,
  extra: Record<string, string> = {},
): Promise<BotProcess> {
  return startBot({
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...extra,
  });
}

/** Opens the schema the processes migrated and seeded, for the test's own reads and writes. */
export function openShared(schema: string): Promise<Database> {
  return openDatabase({ kind: "postgresql", url: PROOF_POSTGRES, schema });
}

/**
 * `count` active members of the demo network, each with a Telegram account whose private chat with
 * the bot is open on the fake (Telegram user ids from `firstUserId`). Returns their member ids.
 */
export async function telegramMembers(
  db: Database,
  fake: FakeTelegram,
  count: number,
  firstUserId: number,
  roles: ("DIGITAL_ADVISER" | "CLS_COORDINATOR")[] = ["DIGITAL_ADVISER"],
) {
  const network = await db.prisma.network.findUniqueOrThrow({
    where: { slug: "tarn-et-garonne" },
    select: { id: true },
  });
  const members = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    userId: firstUserId + i,
    name: `Conseiller ${i}`,
  }));
  for (let i = 0; i < members.length; i += 1_000) {
    const chunk = members.slice(i, i + 1_000);
    await db.prisma.member.createMany({
      data: chunk.map((m) => ({
        id: m.id,
        networkId: network.id,
        displayName: m.name,
        roles,
        status: "ACTIVE" as const,
        quietStartMin: 0,
        quietEndMin: 0,
      })),
    });
    await db.prisma.platformIdentity.createMany({
      data: chunk.map((m) => ({
        networkId: network.id,
        memberId: m.id,
        platform: "telegram",
        externalId: String(m.userId),
      })),
    });
  }
  for (const m of members) fake.openPrivateChat({ id: m.userId, is_bot: false, first_name: m.name });
  return { networkId: network.id, members };
}

/** Waits until `done()` or throws after `timeoutMs`, describing what is still missing. */
export async function waitFor(
  what: string,
  done: () => Promise<boolean> | boolean,
  timeoutMs: number,
  progress?: () => Promise<string> | string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${progress ? `: ${await progress()}` : ""}`);
    await sleep(250);
  }
}

/** How many messages each Telegram chat received from the bot. */
export function messagesPerChat(fake: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of fake.sentMessages()) counts.set(String(m.chat.id), (counts.get(String(m.chat.id)) ?? 0) + 1);
  return counts;
}

/** What a proof runs in: a fake Telegram, a fresh schema, and the bot processes it started. */
export interface ProofEnvironment {
  fake: FakeTelegram;
  schema: Awaited<ReturnType<typeof sharedSchema>>;
  /** Starts a bot process on the schema, sending to the fake; it is killed after the file's tests. */
  startBot(): Promise<BotProcess>;
}

/** Sets up a proof environment before the file's tests and tears it down after them. */
export function useProofEnvironment(): ProofEnvironment {
  const bots: BotProcess[] = [];
  const env = {
    startBot: async () => {
      const bot = await startTelegramBot(env.schema.url, env.fake);
      bots.push(bot);
      return bot;
    },
  } as ProofEnvironment;
  beforeAll(async () => {
    env.fake = await new FakeTelegram(TEST_TOKEN).listen();
    env.schema = await sharedSchema();
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop("SIGKILL")));
    await env.fake.close();
    await env.schema.drop();
  });
  return env;
}
