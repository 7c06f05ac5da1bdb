import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { insertReport, memberId } from "./activity-support.ts";
import { insertIntern } from "./cohorts-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  bot.setNow(new Date("2026-12-07T09:00:00Z"));
});
afterAll(() => bot.close());
const db = () => bot.db.prisma;

/** The one file of the replies, decoded as the member's JSON. */
function fileOf(replies: Awaited<ReturnType<TestBot["send"]>>) {
  const files = replies.flatMap((r) => r.files ?? []);
  expect(files).toHaveLength(1);
  const file = files[0]!;
  return {
    name: file.name,
    mediaType: file.mediaType,
    text: new TextDecoder("utf-8", { fatal: true }).decode(file.content!),
  };
}

describe("my data", () => {
  it("« mes données » sends a pretty-printed JSON file of the member's profile, reports, registrations, requests, queued messages and audit lines", async () => {
    const adviser = await memberId(bot, "demo-adviser");
    await insertReport(bot, adviser, { notes: "Atelier smartphone à Montech" });
    const event = await insertEvent(bot, { title: "Séminaire du réseau" });
    await db().eventRegistration.create({
      data: {
        networkId: bot.networkId,
        eventId: event.id,
        memberId: adviser,
        status: "REGISTERED",
        answers: { diet: "végétarien" },
      },
    });
    await db().outboundMessage.create({
      data: {
        networkId: bot.networkId,
        idempotencyKey: `test:${adviser}`,
        platform: "local",
        targetKind: "member",
        targetId: "demo-adviser",
        memberId: adviser,
        payload: { kind: "reply", reply: { text: "Rappel de l’échéance", visibility: "private" } },
        category: "reminder",
        notBefore: bot.now(),
      },
    });
    await db().auditLog.create({
      data: { networkId: bot.networkId, actorMemberId: adviser, action: "profile.changed", outcome: "allowed" },
    });

    const replies = await bot.send("demo-adviser", "mes données");
    const file = fileOf(replies);
    expect(file.name).toBe("mes-donnees-2026-12-07.json");
    expect(file.mediaType).toContain("application/json");
    expect(file.text).toContain('\n  "profile": {');
    const data = JSON.parse(file.text);
    expect(data.profile.id).toBe(adviser);
    expect(data.identities.map((i: { externalId: string }) => i.externalId)).toContain("demo-adviser");
    expect(data.activityReports.map((r: { notes: string }) => r.notes)).toContain("Atelier smartphone à Montech");
    expect(data.registrations[0].answers).toEqual({ diet: "végétarien" });
    expect(data.registrations[0].event.title).toBe("Séminaire du réseau");
    expect(data.messages.map((m: { payload: { reply: { text: string } } }) => m.payload.reply.text)).toContain(
      "Rappel de l’échéance",
    );
    expect(data.audit.map((a: { action: string }) => a.action)).toContain("profile.changed");
  });

  it("an intern's file holds the questions they asked the mission accueil, and nothing of another member", async () => {
    const intern = await insertIntern(bot, "intern-data", "Interne Données");
    await db().welcomeRequest.create({
      data: { networkId: bot.networkId, memberId: intern, question: "Où se loger à Caussade ?" },
    });
    const other = await memberId(bot, "demo-intern");
    await db().welcomeRequest.create({
      data: { networkId: bot.networkId, memberId: other, question: "Question d’un autre interne" },
    });

    const file = fileOf(await bot.send({ user: "intern-data", localeHint: "en" }, "my data"));
    const data = JSON.parse(file.text);
    expect(data.welcomeRequests.map((r: { question: string }) => r.question)).toEqual(["Où se loger à Caussade ?"]);
    expect(file.text).not.toContain("Question d’un autre interne");
    expect(file.text).not.toContain(other);
  });

  it("« données » alone gives the same file, in English as “my-data-….json” for an English-speaking member", async () => {
    await bot.send("demo-partner", "langue en");
    const replies = await bot.send("demo-partner", "data");
    expect(fileOf(replies).name).toBe("my-data-2026-12-07.json");
  });
});
