import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.ts";
import type { AudienceMember } from "../../src/features/events/audience.ts";
import { pressRegister, waitlistPosition } from "../../src/features/events/registration-batch.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

/** Active advisers with a local chat account, outside any territory (events open to everyone admit them). */
async function advisers(count: number): Promise<AudienceMember[]> {
  const members = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    networkId: bot.networkId,
    displayName: `Conseillère ${i}`,
    roles: ["DIGITAL_ADVISER" as const],
    status: "ACTIVE" as const,
  }));
  await bot.db.prisma.member.createMany({ data: members });
  await bot.db.prisma.platformIdentity.createMany({
    data: members.map((m) => ({ networkId: bot.networkId, memberId: m.id, platform: "local", externalId: m.id })),
  });
  return members.map((m) => ({ id: m.id, roles: m.roles, territoryId: null, organisation: null }));
}

describe("many presses on one event at once", () => {
  it("fill exactly the places left, then the waiting list in the order they arrived, and each member is answered", async () => {
    const event = await insertEvent(bot, { capacity: 12, waitlist: true });
    const [early, ...crowd] = await advisers(31);
    const press = (member: AudienceMember) => pressRegister(bot.db.prisma, event, { member, now: bot.now() });
    await press(early!);
    // 30 presses handed over in one go; the first member presses again among them, the 13th at the end.
    const pressed = [...crowd.slice(0, 10), crowd[0]!, ...crowd.slice(10), crowd[12]!];
    const answers = await Promise.allSettled(pressed.map(press));

    const outcomes = answers.map((a) => (a.status === "fulfilled" ? a.value : null));
    const duplicate = answers[10]!;
    expect(duplicate.status).toBe("rejected");
    expect(duplicate.status === "rejected" && (duplicate.reason as AppError).code).toBe("event_already_registered");
    const again = answers[31]!;
    expect(again.status === "rejected" && (again.reason as AppError).code).toBe("event_already_waitlisted");
    expect(again.status === "rejected" && (again.reason as AppError).params).toMatchObject({ position: 2 });
    const others = outcomes.filter((_, i) => i !== 10 && i !== 31);
    // 11 places were left: the first 11 presses get them, the next 19 wait, numbered in arrival order.
    expect(others.map((o) => o?.status)).toEqual([
      ...Array<string>(11).fill("REGISTERED"),
      ...Array<string>(19).fill("WAITLISTED"),
    ]);
    expect(others.slice(11).map((o) => (o?.status === "WAITLISTED" ? o.position : 0))).toEqual(
      Array.from({ length: 19 }, (_, i) => i + 1),
    );

    const rows = await bot.db.prisma.eventRegistration.findMany({ where: { eventId: event.id } });
    expect(rows.filter((r) => r.status === "REGISTERED")).toHaveLength(12);
    const waiting = crowd.slice(11).map((m) => rows.find((r) => r.memberId === m.id)!);
    expect(waiting.every((r) => r.status === "WAITLISTED")).toBe(true);
    const positions = await Promise.all(waiting.map((r) => waitlistPosition(bot.db.prisma, event.id, r.queuedAt)));
    expect(positions).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // Reminders are for the registered members only.
    const reminded = await bot.db.prisma.outboundMessage.findMany({
      where: { causeId: event.id, idempotencyKey: { startsWith: "event-reminder:" } },
      select: { memberId: true },
    });
    expect(new Set(reminded.map((r) => r.memberId))).toEqual(
      new Set(rows.filter((r) => r.status === "REGISTERED").map((r) => r.memberId)),
    );
  });

  it("on a full event without a waiting list, every press is refused with the sentence, and nothing is written", async () => {
    const event = await insertEvent(bot, { capacity: 1, waitlist: false });
    const members = await advisers(6);
    const answers = await Promise.allSettled(
      members.map((member) => pressRegister(bot.db.prisma, event, { member, now: bot.now() })),
    );
    expect(answers[0]).toMatchObject({ status: "fulfilled", value: { status: "REGISTERED" } });
    for (const a of answers.slice(1)) {
      expect(a.status).toBe("rejected");
      expect(a.status === "rejected" && a.reason instanceof AppError && a.reason.code).toBe("event_full");
    }
    expect(await bot.db.prisma.eventRegistration.count({ where: { eventId: event.id } })).toBe(1);
  });
});
