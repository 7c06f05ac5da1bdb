import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { createBot } from "../../src/bot.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import type { InboundCommand, Input, Platform } from "../../src/core/inbound.ts";
import type { Reply } from "../../src/core/reply.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import { createSeededTestDatabase, DEMO_SEED, type TestDatabase } from "./database.ts";

export const silentLog = pino({ level: "silent" });

/** Someone talking to the bot from one platform account. */
export interface Speaker {
  platform?: Platform;
  user: string;
  scope?: string;
  name?: string;
  localeHint?: string;
  conversation?: "private" | "group";
  forms?: "native" | "steps";
}

/** A bot on a fresh, seeded database, and helpers to talk to it as members do. */
export interface TestBot {
  db: TestDatabase;
  networkId: string;
  /** The bot's dispatcher, for adapters under test. */
  dispatch: Dispatch;
  /** A new dispatcher on the same database, as after a process restart. */
  restart(): void;
  /** Sets the clock the bot sees (link-code expiry, audit times). */
  setNow(date: Date): void;
  /** The clock the bot reads now. */
  now(): Date;
  send(who: string | Speaker, input: string | Input): Promise<Reply[]>;
  /** Text of all replies, joined, for assertions on what the member reads. */
  text(who: string | Speaker, input: string | Input): Promise<string>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  /** Platforms the bot delivers to by itself (default: the local chat only). */
  platforms?: Platform[];
  /** The bot's username on a platform, as the adapters report it once connected (cohort links). */
  botUsername?: (platform: Platform) => string | undefined;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  // On PGlite the database already holds the demo network: seedNetwork then only finds it.
  const db = await createSeededTestDatabase();
  const { networkId } = await seedNetwork(db.prisma, await readNetworkSeed(DEMO_SEED));
  let now = new Date("2026-11-23T09:00:00Z");
  const clock = () => now;
  const botOptions = {
    now: clock,
    ...(options.platforms ? { platforms: options.platforms } : {}),
    ...(options.botUsername ? { botUsername: options.botUsername } : {}),
  };
  let dispatch = createBot(db.prisma, silentLog, botOptions);
  const send = (who: string | Speaker, input: string | Input) => dispatch(inbound(who, input, now));
  return {
    db,
    networkId,
    dispatch: (command) => dispatch(command),
    restart: () => {
      dispatch = createBot(db.prisma, silentLog, botOptions);
    },
    setNow: (date) => {
      now = date;
    },
    now: clock,
    send,
    text: async (who, input) => (await send(who, input)).map((r) => r.text).join("\n"),
    close: () => db.destroy(),
  };
}

export function inbound(who: string | Speaker, input: string | Input, receivedAt = new Date()): InboundCommand {
  const s: Speaker = typeof who === "string" ? { user: who } : who;
  return {
    eventId: randomUUID(),
    platform: s.platform ?? "local",
    externalUserId: s.user,
    displayName: s.name ?? s.user,
    scopeId: s.scope ?? "tarn-et-garonne",
    conversation: s.conversation ?? "private",
    forms: s.forms ?? "native",
    localeHint: s.localeHint,
    input: typeof input === "string" ? { kind: "text", text: input } : input,
    receivedAt,
  };
}

export const action = (actionId: string): Input => ({ kind: "action", actionId });
export const form = (formId: string, values: Record<string, string | string[]>): Input => ({
  kind: "form",
  formId,
  values,
});

/** The ids of the choices offered in replies. */
export function choiceIds(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.choices?.map((c) => c.id) ?? []);
}

/** Walks a newcomer through onboarding, choosing the first organisation and territory offered. */
export async function onboard(
  bot: TestBot,
  who: string | Speaker,
  role: string,
  locale: "fr" | "en" = "fr",
): Promise<void> {
  await bot.send(who, "démarrer");
  await bot.send(who, action(`onb:language:${locale}`));
  const organisations = await bot.send(who, action(`onb:role:${role}`));
  const territories = await bot.send(who, action(choiceIds(organisations)[0]!));
  await bot.send(who, action(choiceIds(territories)[0]!));
}
