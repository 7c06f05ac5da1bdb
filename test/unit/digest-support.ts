import type { Role } from "@prisma/client";
import { botViews } from "../../src/bot.ts";
import { createLocalDelivery } from "../../src/channels/local/adapter.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { queueWeeklyDigest } from "../../src/features/digest/queue.ts";
import { silentLog, type TestBot } from "../support/bot.ts";

/** Seeded members joined at the wall-clock time of the run; the tests' clock needs a fixed past. */
export async function joinedLongAgo(bot: TestBot): Promise<void> {
  await bot.db.prisma.member.updateMany({
    where: { networkId: bot.networkId },
    data: { createdAt: new Date("2026-01-05T09:00:00Z") },
  });
}

export interface NewMember {
  roles: Role[];
  locale?: "fr" | "en";
  joined?: string;
  status?: "ACTIVE" | "ONBOARDING";
  muted?: string[];
}

/** A member of the network reachable on the local chat as `key`; returns their id. */
export async function addMember(bot: TestBot, key: string, displayName: string, m: NewMember): Promise<string> {
  const member = await bot.db.prisma.member.create({
    data: {
      networkId: bot.networkId,
      displayName,
      roles: m.roles,
      status: m.status ?? "ACTIVE",
      locale: m.locale ?? "fr",
      mutedCategories: m.muted ?? [],
      createdAt: new Date(m.joined ?? "2026-01-05T09:00:00Z"),
      identities: { create: { networkId: bot.networkId, platform: "local", externalId: key } },
    },
  });
  return member.id;
}

/** One tick of the "weekly-digest" job at `iso`. */
export function tick(bot: TestBot, iso: string) {
  return queueWeeklyDigest(bot.db.prisma, new Date(iso), ["local"]);
}

/** What a local member found in their inbox. */
export interface Received {
  to: string;
  text: string;
  choices: string[];
}

/** The bot's delivery engine on the local chat (the real inbox, every live view of the bot), one round at a time. */
export function localDelivery(bot: TestBot) {
  const local = createLocalDelivery(bot.db.prisma);
  const received: Received[] = [];
  const adapter = {
    platform: "local" as const,
    deliver: async (target: Parameters<typeof local.deliver>[0], reply: Reply) => {
      const outcome = await local.deliver(target, reply);
      received.push({ to: target.id, text: reply.text, choices: (reply.choices ?? []).map((c) => c.id) });
      return outcome;
    },
  };
  const worker = createDeliveryWorker({ db: bot.db.prisma, adapter, log: silentLog, now: bot.now, views: botViews });
  return {
    /** Sets the clock, runs one round; returns what was delivered in it. */
    async at(iso: string): Promise<Received[]> {
      bot.setNow(new Date(iso));
      const before = received.length;
      await worker.runOnce();
      return received.slice(before);
    },
    /** The texts in a local member's inbox, oldest first. */
    async inbox(key: string): Promise<string[]> {
      const rows = await bot.db.prisma.localInboxMessage.findMany({
        where: { userId: key },
        orderBy: { createdAt: "asc" },
      });
      return rows.map((r) => (r.payload as unknown as Reply).text);
    },
  };
}

/** Outbox rows whose key starts with `prefix`, as "<key> <target> <category> <notBefore ISO> <status>". */
export async function queued(bot: TestBot, prefix: string): Promise<string[]> {
  const rows = await bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix } },
    orderBy: [{ idempotencyKey: "asc" }],
  });
  return rows.map((r) => `${r.idempotencyKey} ${r.targetId} ${r.category} ${r.notBefore.toISOString()} ${r.status}`);
}
