import type { DeliveryTarget } from "../../src/core/channel.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { deadlineViews } from "../../src/features/deadlines/feature.ts";
import { choiceIds, form, silentLog, type TestBot } from "../support/bot.ts";

/** What the fake local platform was asked to deliver. */
export interface Delivered {
  to: string;
  text: string;
  choices: string[];
}

/** A sender for the local platform that records deliveries, reading the test bot's clock. */
export function fakeSender(bot: TestBot) {
  const sent: Delivered[] = [];
  const adapter = {
    platform: "local" as const,
    deliver: async (target: DeliveryTarget, reply: Reply) => {
      sent.push({ to: target.id, text: reply.text, choices: (reply.choices ?? []).map((c) => c.id) });
      return { kind: "sent" as const, platformMessageId: `m${sent.length}` };
    },
  };
  const worker = createDeliveryWorker({
    db: bot.db.prisma,
    adapter,
    log: silentLog,
    now: bot.now,
    views: deadlineViews,
  });
  return {
    sent,
    /** Sets the clock and runs one delivery round; returns what this round delivered. */
    async at(iso: string): Promise<Delivered[]> {
      bot.setNow(new Date(iso));
      const before = sent.length;
      await worker.runOnce();
      return sent.slice(before);
    },
  };
}

/** Creates a group through the coordinator's form; returns its id. */
export async function createGroup(
  bot: TestBot,
  name: string,
  members: string,
  lead = "Sophie Delmas",
): Promise<string> {
  const text = (await bot.send("demo-coordinator", form("grp", { name, description: "", lead, members })))
    .map((r) => r.text)
    .join("\n");
  if (!text.includes("créé")) throw new Error(`group not created: ${text}`);
  return (await bot.db.prisma.workingGroup.findFirstOrThrow({ where: { name } })).id;
}

export interface DeadlineInput {
  groupId: string;
  title: string;
  kind?: "TASK" | "MEETING" | "NEWS_COLLECTION";
  date: string;
  time?: string;
  reminders?: string;
  recurrence?: string;
}

/** Submits the deadline form as the coordinator; returns the replies and the new deadline's id (from its status button). */
export async function createDeadline(
  bot: TestBot,
  input: DeadlineInput,
  who = "demo-coordinator",
): Promise<{ replies: Reply[]; text: string; id: string | undefined }> {
  const replies = await bot.send(
    who,
    form("dlnew", { kind: "TASK", time: "", reminders: "", recurrence: "", ...input }),
  );
  const status = choiceIds(replies).find((c) => c.startsWith("dl.status:"));
  return { replies, text: replies.map((r) => r.text).join("\n"), id: status?.slice("dl.status:".length) };
}

/** The pending outbox rows of a deadline, as "<slot or kind> <member display name> <notBefore ISO>". */
export async function queuedFor(bot: TestBot, deadlineId: string): Promise<string[]> {
  const rows = await bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: `dl:${deadlineId}:` }, status: "PENDING" },
    orderBy: [{ notBefore: "asc" }, { targetId: "asc" }],
  });
  return rows.map((r) => `${r.idempotencyKey.split(":")[2]} ${r.targetId} ${r.notBefore.toISOString()}`);
}
