import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { formOf, insertReport, memberId } from "./activity-support.ts";
import { addMember, joinedLongAgo, localDelivery, queued, tick } from "./digest-support.ts";

let bot: TestBot;
let delivery: ReturnType<typeof localDelivery>;
const ids = { julien: "", anne: "", paul: "", marc: "", zoe: "", lea: "" };
let julienLast: string;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
  await joinedLongAgo(bot);
  delivery = localDelivery(bot);
  ids.julien = await memberId(bot, "demo-adviser");
  ids.anne = await addMember(bot, "adv-anne", "Anne Vidal", {
    roles: ["DIGITAL_ADVISER"],
    locale: "en",
    joined: "2026-02-01T09:00:00Z",
  });
  ids.paul = await addMember(bot, "adv-paul", "Paul Roux", {
    roles: ["DIGITAL_ADVISER"],
    joined: "2026-11-13T09:00:00Z",
  });
  ids.marc = await addMember(bot, "adv-marc", "Marc Dupuy", { roles: ["DIGITAL_ADVISER"], muted: ["reminder"] });
  ids.zoe = await addMember(bot, "adv-zoe", "Zoé Garcia", { roles: ["DIGITAL_ADVISER"] });
  ids.lea = await addMember(bot, "adv-lea", "Léa Martin", { roles: ["DIGITAL_ADVISER"] });
  const written = (day: string) => ({ date: new Date(day), createdAt: new Date(`${day}T17:00:00Z`) });
  await insertReport(bot, ids.julien, written("2026-10-12"));
  julienLast = await insertReport(bot, ids.julien, written("2026-10-30"));
  await insertReport(bot, ids.marc, written("2026-10-01"));
  await insertReport(bot, ids.zoe, written("2026-10-25"));
  await insertReport(bot, ids.lea, written("2026-11-20"));
});
afterAll(() => bot.close());

const nudges = (who: keyof typeof ids) => queued(bot, `nudge:${ids[who]}:`);

describe("a gentle nudge to digital advisers who have not reported for three weeks", () => {
  it("is queued once per silent adviser, held until their quiet hours end", async () => {
    // Sunday 22 November, 23:00 Paris.
    const runs = await Promise.all([tick(bot, "2026-11-22T22:00:00Z"), tick(bot, "2026-11-22T22:00:00Z")]);
    expect(runs[0]!.nudges + runs[1]!.nudges).toBe(3);
    expect(await nudges("julien")).toEqual([
      `nudge:${ids.julien}:${julienLast} demo-adviser reminder 2026-11-23T07:00:00.000Z PENDING`,
    ]);
    expect(await nudges("anne")).toEqual([
      `nudge:${ids.anne}:never adv-anne reminder 2026-11-23T07:00:00.000Z PENDING`,
    ]);
    expect(await nudges("zoe")).toHaveLength(1);
    expect(await nudges("paul")).toEqual([]);
    expect(await nudges("marc")).toEqual([]);
    expect(await nudges("lea")).toEqual([]);
  });

  it("says when they last reported, in their language, with a button per kind of activity; nothing to one who reported meanwhile", async () => {
    // Zoé reports at 07:30, before her nudge goes at 08:00.
    await insertReport(bot, ids.zoe, { date: new Date("2026-11-23"), createdAt: new Date("2026-11-23T06:30:00Z") });
    const sent = (await delivery.at("2026-11-23T07:00:00Z")).filter((s) => s.to !== "demo-coordinator");
    expect(sent.map((s) => s.to).sort()).toEqual(["adv-anne", "demo-adviser"]);
    const julien = sent.find((s) => s.to === "demo-adviser")!;
    expect(julien.text).toBe(
      "Bonjour Julien ! Votre dernier accompagnement noté date du vendredi 30 octobre 2026. Un moment pour noter ceux de ces dernières semaines ? Choisissez le type d’activité :\n" +
        "(Pour ne plus recevoir ces rappels : « sourdine ».)",
    );
    expect(julien.choices).toEqual(["act.new:INDIVIDUAL", "act.new:COLLECTIVE", "act.new:ONE_OFF"]);
    expect(await delivery.inbox("adv-anne")).toEqual([
      "Hello Anne! No support session has been recorded since you joined the network. A moment to record your first ones? Choose the kind of activity:\n(To stop these reminders: “mute”.)",
    ]);
    expect((await nudges("zoe"))[0]).toMatch(/ CANCELLED$/);
  });

  it("its button opens the activity report form", async () => {
    const form = formOf(await bot.send("demo-adviser", action("act:new:INDIVIDUAL")));
    expect(form.id).toBe("activity");
  });

  it("does not come again at the next tick nor the next week while the silence lasts", async () => {
    expect((await tick(bot, "2026-11-23T08:00:00Z")).nudges).toBe(0);
    expect((await tick(bot, "2026-11-30T08:00:00Z")).nudges).toBe(0);
    expect(await nudges("julien")).toHaveLength(1);
    expect(await nudges("anne")).toHaveLength(1);
  });

  it("an adviser who joined 10 days ago is not nudged; three weeks after joining with nothing reported, they are", async () => {
    expect(await nudges("paul")).toEqual([]);
    // Paul joined on 13 November at 10:00 Paris.
    expect((await tick(bot, "2026-12-04T08:59:00Z")).nudges).toBe(0);
    expect((await tick(bot, "2026-12-04T09:00:00Z")).nudges).toBe(1);
    expect(await nudges("paul")).toEqual([
      `nudge:${ids.paul}:never adv-paul reminder 2026-12-04T09:00:00.000Z PENDING`,
    ]);
  });

  it("an adviser who muted reminders gets none, and gets it once they receive reminders again", async () => {
    expect(await nudges("marc")).toEqual([]);
    bot.setNow(new Date("2026-12-04T10:00:00Z"));
    expect(await bot.text("adv-marc", action("mute:t:reminder"))).toContain(
      "rappels (groupes de travail, relances des rapports d’activité)",
    );
    expect((await tick(bot, "2026-12-04T10:00:00Z")).nudges).toBe(1);
    expect(await nudges("marc")).toHaveLength(1);
  });

  it("comes again after the adviser reports and then falls silent for three more weeks", async () => {
    const latest = await insertReport(bot, ids.julien, {
      date: new Date("2026-12-01"),
      createdAt: new Date("2026-12-01T17:00:00Z"),
    });
    await tick(bot, "2026-12-21T08:00:00Z");
    expect(await nudges("julien")).toHaveLength(1);
    await tick(bot, "2026-12-23T08:00:00Z");
    expect(await nudges("julien")).toEqual(
      [
        `nudge:${ids.julien}:${julienLast} demo-adviser reminder 2026-11-23T07:00:00.000Z SENT`,
        `nudge:${ids.julien}:${latest} demo-adviser reminder 2026-12-23T08:00:00.000Z PENDING`,
      ].sort(),
    );
  });
});
