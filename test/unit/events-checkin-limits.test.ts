import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkInCodeOf } from "../../src/features/events/attendance.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
// The seminar of insertEvent: 10 December 2026, 14:00–17:00 Paris; each test a quarter of an hour later.
let during = new Date("2026-12-10T12:00:00Z");
beforeEach(async () => {
  await bot.db.prisma.event.deleteMany({});
  during = new Date(during.getTime() + 3600_000 / 4 + 60_000);
  bot.setNow(during);
});

/** Members of the network who have not registered for anything, created as a coordinator's approval would. */
async function members(prefix: string, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  for (const user of users) {
    await bot.db.prisma.member.create({
      data: {
        networkId: bot.networkId,
        displayName: user,
        roles: ["DIGITAL_ADVISER"],
        status: "ACTIVE",
        identities: { create: { networkId: bot.networkId, platform: "local", externalId: user } },
      },
    });
  }
  return users;
}
const wrongCodes = (n: number) => Array.from({ length: n }, (_, i) => String(100_000 + i * 7));

describe("check-in codes resist guessing", () => {
  it("new codes have 6 digits, and an event's earlier 4-digit code still checks its registrants in", async () => {
    const fresh = await insertEvent(bot, { capacity: 10 });
    expect(await checkInCodeOf(bot.db.prisma, fresh)).toMatch(/^\d{6}$/);
    const older = await insertEvent(bot, { checkInCode: "4821", title: "Café numérique" });
    await bot.db.prisma.eventRegistration.create({
      data: {
        networkId: bot.networkId,
        eventId: older.id,
        memberId: await memberId(bot, "demo-adviser"),
        status: "REGISTERED",
      },
    });
    expect(await bot.text("demo-adviser", "présent 4821")).toBe(
      "Bienvenue ! Vous êtes noté·e présent·e à « Café numérique ».",
    );
  });

  it("after 5 wrong codes in a quarter hour, even the right code waits; after the quarter hour it works", async () => {
    const event = await insertEvent(bot, { capacity: 50 });
    const code = await checkInCodeOf(bot.db.prisma, event);
    const [guesser] = await members("guesser", 1);
    for (const wrong of wrongCodes(5))
      expect(await bot.text(guesser!, `présent ${wrong}`)).toContain(`Je ne reconnais pas le code ${wrong}`);
    for (const attempt of [...wrongCodes(3), code])
      expect(await bot.text(guesser!, `présent ${attempt}`)).toContain("Trop de codes erronés : attendez 15 minutes");
    expect(await bot.db.prisma.eventRegistration.count({ where: { eventId: event.id } })).toBe(0);
    bot.setNow(new Date(during.getTime() + 15 * 60_000 + 1));
    expect(await bot.text(guesser!, `présent ${code}`)).toContain("il restait de la place");
  });

  it("a wrong code tells nothing of other events: one not yet open, or not meant for the member, reads as unknown", async () => {
    const later = await insertEvent(bot, {
      title: "Réunion confidentielle",
      audienceRoles: ["INTERN"],
      startsAt: new Date("2026-12-20T13:00:00Z"),
      endsAt: new Date("2026-12-20T16:00:00Z"),
    });
    const code = await checkInCodeOf(bot.db.prisma, later);
    const [curious] = await members("curious", 1);
    const answer = await bot.text(curious!, `présent ${code}`);
    expect(answer).toBe(
      `Je ne reconnais pas le code ${code} : vérifiez-le auprès de l’organisateur ou sur l’affiche à l’accueil.`,
    );
  });

  it("many wrong codes while an event's code is open close its places at the door; registrants still check in, and later events are unaffected", async () => {
    const event = await insertEvent(bot, { capacity: 50 });
    const code = await checkInCodeOf(bot.db.prisma, event);
    const nextWeek = await insertEvent(bot, {
      title: "Café numérique",
      startsAt: new Date("2026-12-17T13:00:00Z"),
      endsAt: new Date("2026-12-17T16:00:00Z"),
    });
    const nextWeekCode = await checkInCodeOf(bot.db.prisma, nextWeek);
    const accounts = await members("swarm", 6);
    for (const account of accounts) for (const wrong of wrongCodes(5)) await bot.text(account, `présent ${wrong}`);
    const [walkIn, registrant] = await members("door", 2);
    await bot.db.prisma.eventRegistration.create({
      data: {
        networkId: bot.networkId,
        eventId: event.id,
        memberId: await memberId(bot, registrant!),
        status: "REGISTERED",
      },
    });
    expect(await bot.text(walkIn!, `présent ${code}`)).toBe(
      "Vous n’êtes pas inscrit·e à « Séminaire des conseillers numériques » : voyez l’organisateur à l’accueil, il peut vous ajouter.",
    );
    expect(await bot.text(registrant!, `présent ${code}`)).toBe(
      "Bienvenue ! Vous êtes noté·e présent·e à « Séminaire des conseillers numériques ».",
    );
    bot.setNow(new Date("2026-12-17T13:05:00Z"));
    expect(await bot.text(walkIn!, `présent ${nextWeekCode}`)).toContain("il restait de la place");
  });
});
