// Proof (issue 4): two bot processes on one PostgreSQL, 5,000 reminders due at once: every member
// receives each reminder exactly once, as the fake Telegram server (Telegram's real limits) sees it,
// while two other processes keep both cores busy (issue 16, "Pacing under load": still no 429).
import { describe, expect, it } from "vitest";
import { createDeadline } from "../../src/features/deadlines/mutations.ts";
import { busyCores, mostInOneWindow } from "../support/cpu-load.ts";
import { messagesPerChat, openShared, telegramMembers, useProofEnvironment, waitFor } from "./support.ts";

const MEMBERS = 5_000;
// 5,000 messages paced a little under Telegram's 30 per second take about three and a half minutes.
const DELIVERY_TIMEOUT_MS = 8 * 60_000;

const env = useProofEnvironment();

describe("two bot processes on one PostgreSQL", () => {
  it(
    "5,000 reminders due at once: every member gets theirs exactly once, with no 429 storm",
    async () => {
      // The first process migrates and seeds; the second starts on the same schema.
      const bots = [await env.startBot(), await env.startBot()];
      const db = await openShared(env.schema.schema);
      let load: ReturnType<typeof busyCores> | undefined;
      try {
        const { networkId, members } = await telegramMembers(db, env.fake, MEMBERS, 8_000_000);
        const coordinator = await db.prisma.member.findFirstOrThrow({
          where: { networkId, roles: { has: "NETWORK_COORDINATOR" } },
          select: { id: true },
        });
        const group = await db.prisma.workingGroup.create({
          data: { networkId, name: "France Numérique Ensemble", createdById: coordinator.id },
        });
        for (let i = 0; i < members.length; i += 1_000) {
          await db.prisma.workingGroupMember.createMany({
            data: members.slice(i, i + 1_000).map((m) => ({ groupId: group.id, memberId: m.id, networkId })),
          });
        }
        // The real scheduling path queues each member's reminder; all are then made due at the same instant.
        const now = new Date();
        const created = await createDeadline(
          db.prisma,
          {
            networkId,
            groupId: group.id,
            title: "Feuille de route FNE",
            kind: "TASK",
            dueAt: new Date(now.getTime() + 30 * 86_400_000),
            reminderDays: [7],
            reminderMinute: 540,
            recurrence: null,
            createdById: coordinator.id,
          },
          ["telegram"],
          now,
        );
        if (created.kind !== "created") throw new Error("the group has no members");
        // Bounded: the busy processes stop by themselves with the delivery budget, or in `finally`.
        load = busyCores(2, DELIVERY_TIMEOUT_MS / 1000);
        const due = await db.prisma.outboundMessage.updateMany({
          where: { causeId: created.id, category: "reminder", memberId: { not: null } },
          data: { notBefore: new Date() },
        });
        expect(due.count).toBe(MEMBERS);

        await waitFor(
          "every reminder",
          async () =>
            (await db.prisma.outboundMessage.count({
              where: { causeId: created.id, status: { in: ["PENDING", "SENDING"] }, notBefore: { lte: new Date() } },
            })) === 0,
          DELIVERY_TIMEOUT_MS,
          async () =>
            `${env.fake.sentMessages().length} sent by the fake; outbox ${JSON.stringify(await db.prisma.outboundMessage.groupBy({ by: ["status"], where: { causeId: created.id }, _count: true }))}; ${bots.map((b) => b.stdout().split("\n").slice(-4).join("\n")).join("\n---\n")}`,
        );
        const perChat = messagesPerChat(env.fake);
        expect(perChat.size).toBe(MEMBERS);
        expect([...perChat.values()].filter((n) => n !== 1)).toEqual([]);
        for (const m of members) expect(perChat.get(String(m.userId)), m.name).toBe(1);
        expect(
          await db.prisma.outboundMessage.count({
            where: { causeId: created.id, status: "SENT", platformMessageId: { not: null } },
          }),
        ).toBe(MEMBERS);
        // One process sends for Telegram at a time, paced under 30/s: Telegram answers no 429.
        expect(env.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
        expect(
          mostInOneWindow(
            env.fake.callsOf("sendMessage").map((c) => c.at),
            1000,
          ),
        ).toBeLessThanOrEqual(30);
        expect(bots.every((b) => b.child.exitCode === null)).toBe(true);
      } finally {
        load?.stop();
        await db.close();
      }
    },
    DELIVERY_TIMEOUT_MS + 60_000,
  );
});
