import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueFanOut, enqueueMessages } from "../../src/delivery/outbox.ts";
import type { OutboundPayload } from "../../src/delivery/payload.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let db: TestDatabase;
let networkId: string;
const memberIds: string[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  ({ id: networkId } = await db.prisma.network.create({ data: { slug: "fan-out", name: "Réseau test" } }));
  for (const name of ["Ana", "Bruno", "Chloé"])
    memberIds.push((await db.prisma.member.create({ data: { networkId, displayName: name, status: "ACTIVE" } })).id);
});
afterAll(() => db.destroy());

const payload = {
  kind: "notice",
  notice: {
    key: "broadcasts.notice",
    params: { sender: 'Élise "la coordinatrice"', text: "Réunion {jeudi}, salle A\\B" },
  },
} as unknown as OutboundPayload;
// External ids with the characters an array literal must escape; notBefore with milliseconds (quiet hours end).
const audience = () => [
  {
    memberId: memberIds[0]!,
    platform: "telegram" as const,
    externalId: '12,"34"',
    notBefore: new Date("2026-11-23T09:00:00.123Z"),
  },
  {
    memberId: memberIds[1]!,
    platform: "slack" as const,
    externalId: "U{X}\\Y",
    notBefore: new Date("2026-11-24T07:00:00.000Z"),
  },
];
const columns = (r: Record<string, unknown>) => {
  const { id: _id, idempotencyKey: _key, createdAt: _at, ...rest } = r;
  return rest;
};

describe("queuing one message for a whole audience", () => {
  it("queues the same rows as one message per member would, with keys prefix + member id", async () => {
    const recipients = audience();
    const base = { networkId, category: "broadcast", urgent: false, causeId: "00000000-0000-4000-8000-000000000001" };
    await enqueueMessages(
      db.prisma,
      recipients.map((r) => ({
        ...base,
        idempotencyKey: `one:${r.memberId}`,
        platform: r.platform,
        target: { to: "member", id: r.externalId },
        memberId: r.memberId,
        notBefore: r.notBefore,
        payload,
      })),
    );
    expect(await enqueueFanOut(db.prisma, { ...base, keyPrefix: "all:", payload, recipients })).toBe(2);

    const rows = await db.prisma.outboundMessage.findMany({
      orderBy: [{ memberId: "asc" }, { idempotencyKey: "asc" }],
    });
    const one = rows.filter((r) => r.idempotencyKey.startsWith("one:"));
    const all = rows.filter((r) => r.idempotencyKey.startsWith("all:"));
    expect(all.map((r) => r.idempotencyKey).sort()).toEqual(
      memberIds
        .slice(0, 2)
        .map((m) => `all:${m}`)
        .sort(),
    );
    expect(all.map(columns)).toEqual(one.map(columns));
    expect(all[0]).toMatchObject({ status: "PENDING", attempts: 0, targetKind: "member" });
  });

  it("queued again with one more member, only the new member's message is added", async () => {
    const base = {
      networkId,
      category: "broadcast",
      urgent: true,
      causeId: "00000000-0000-4000-8000-000000000002",
      keyPrefix: "again:",
      payload,
    };
    const recipients = audience();
    expect(await enqueueFanOut(db.prisma, { ...base, recipients })).toBe(2);
    const more = [
      ...recipients,
      {
        memberId: memberIds[2]!,
        platform: "telegram" as const,
        externalId: "42",
        notBefore: new Date("2026-11-23T09:00:00Z"),
      },
    ];
    expect(await enqueueFanOut(db.prisma, { ...base, urgent: false, recipients: more })).toBe(1);
    const rows = await db.prisma.outboundMessage.findMany({ where: { causeId: base.causeId } });
    expect(rows).toHaveLength(3);
    // The rows already queued kept what they were queued with.
    expect(rows.filter((r) => r.urgent)).toHaveLength(2);
  });

  it("an empty audience queues nothing", async () => {
    expect(
      await enqueueFanOut(db.prisma, {
        networkId,
        category: "broadcast",
        urgent: false,
        causeId: "00000000-0000-4000-8000-000000000003",
        keyPrefix: "none:",
        payload,
        recipients: [],
      }),
    ).toBe(0);
  });
});
