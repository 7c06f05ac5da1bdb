// Proof (issue 4): a bot process killed (SIGKILL) in the middle of a 2,000-recipient broadcast and
// started again loses no message and sends none twice, as the fake Telegram server sees it.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { say } from "../support/process.ts";
import { messagesPerChat, openShared, telegramMembers, useProofEnvironment, waitFor } from "./support.ts";

const RECIPIENTS = 2_000;
/** The process dies while its request for this send is on the wire, before Telegram accepted it. */
const KILL_AT_SEND = 700;
const TIMEOUT_MS = 5 * 60_000;

const env = useProofEnvironment();

/** Resolves once the fake has received `count` sendMessage requests (polled every 2 ms). */
async function sendRequests(count: number): Promise<void> {
  while (env.fake.callsOf("sendMessage").length < count) await sleep(2);
}

describe("a bot process killed mid-broadcast", () => {
  it(
    "SIGKILL after 700 of 2,000 messages, then a restart: every recipient gets the broadcast exactly once and the sender a report",
    async () => {
      const first = await env.startBot();
      const db = await openShared(env.schema.schema);
      try {
        const { members } = await telegramMembers(db, env.fake, RECIPIENTS, 9_000_000);
        // The coordinator writes the broadcast on the local chat, sees the preview and confirms.
        const coordinator = { user: "demo-coordinator" };
        const preview = await say(first.url, {
          ...coordinator,
          form: "broadcast",
          values: {
            message: "Mois du numérique : le programme des animations est en ligne.",
            urgent: "no",
            roles: ["DIGITAL_ADVISER"],
            platform: "telegram",
          },
        });
        expect(preview.status).toBe(200);
        const confirm = preview.body.replies
          .flatMap((r) => r.choices ?? [])
          .find((c) => c.id.startsWith("bc.confirm:"));
        expect(confirm, JSON.stringify(preview.body)).toBeDefined();
        env.fake.failNext("sendMessage", "hang", 1, KILL_AT_SEND);
        const confirmed = await say(first.url, { ...coordinator, action: confirm!.id });
        expect(confirmed.status).toBe(200);
        const broadcastId = confirm!.id.slice("bc.confirm:".length);
        expect(await db.prisma.outboundMessage.count({ where: { causeId: broadcastId, category: "broadcast" } })).toBe(
          RECIPIENTS,
        );

        await sendRequests(KILL_AT_SEND + 1);
        first.child.kill("SIGKILL");
        await first.exited;
        const sentBeforeKill = env.fake.sentMessages().length;
        expect(sentBeforeKill).toBeGreaterThanOrEqual(KILL_AT_SEND - 1);
        expect(sentBeforeKill).toBeLessThan(RECIPIENTS);

        await env.startBot();
        await waitFor(
          "the broadcast to finish",
          async () =>
            (await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, select: { status: true } }))
              .status === "DONE",
          TIMEOUT_MS,
          async () =>
            `${env.fake.sentMessages().length} sent; ${JSON.stringify(await db.prisma.outboundMessage.groupBy({ by: ["status"], where: { causeId: broadcastId }, _count: true }))}`,
        );
        const perChat = messagesPerChat(env.fake);
        for (const m of members) expect(perChat.get(String(m.userId)), m.name).toBe(1);
        expect(
          await db.prisma.outboundMessage.count({
            where: { causeId: broadcastId, category: "broadcast", status: "SENT" },
          }),
        ).toBe(RECIPIENTS);
        // The coordinator's report comes to the local chat, where they confirmed.
        await waitFor(
          "the delivery report",
          async () =>
            (await db.prisma.outboundMessage.count({
              where: { idempotencyKey: `bc:${broadcastId}:report`, status: "SENT" },
            })) === 1,
          60_000,
        );
        const inbox = await db.prisma.localInboxMessage.findMany({
          where: { userId: "demo-coordinator" },
          orderBy: { createdAt: "asc" },
        });
        expect(inbox.map((m) => (m.payload as { text: string }).text).join("\n")).toContain(String(RECIPIENTS));
      } finally {
        await db.close();
      }
    },
    TIMEOUT_MS + 60_000,
  );
});
