import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import type { Reply } from "../../src/core/reply.ts";
import { enqueueMessages } from "../../src/delivery/outbox.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot();
});
afterEach(() => bot.close());

/** A sender whose platform records what it is given. */
function recordingSender(views = {}) {
  const sent: { target: DeliveryTarget; reply: Reply }[] = [];
  const worker = createDeliveryWorker({
    db: bot.db.prisma,
    adapter: {
      platform: "telegram",
      deliver: async (target, reply) => (
        sent.push({ target, reply }), { kind: "sent", platformMessageId: `m${sent.length}` }
      ),
    },
    log: silentLog,
    views,
  });
  return { sent, worker };
}

async function adviser() {
  const member = await bot.db.prisma.member.create({
    data: { networkId: bot.networkId, displayName: "Awa Diallo", roles: ["DIGITAL_ADVISER"], status: "ACTIVE" },
  });
  await bot.db.prisma.platformIdentity.create({
    data: { networkId: bot.networkId, memberId: member.id, platform: "telegram", externalId: "4242" },
  });
  return member;
}

const base = (memberId: string, key: string) => ({
  networkId: bot.networkId,
  idempotencyKey: key,
  platform: "telegram" as const,
  target: { to: "member" as const, id: "4242" },
  memberId,
  category: "reminder",
  notBefore: new Date(),
});

describe("messages composed when they are sent", () => {
  it("a notice is worded in the language the member has when it goes, with times in Paris time", async () => {
    const member = await adviser();
    await enqueueMessages(bot.db.prisma, [
      {
        ...base(member.id, "k1"),
        payload: {
          kind: "notice",
          notice: {
            key: "errors.staleAction",
            choices: [{ id: "language:en", label: "language.name", style: "primary" }],
          },
        },
      },
    ]);
    // Queued while the member spoke French; they switch to English before it is sent.
    await bot.db.prisma.member.update({ where: { id: member.id }, data: { locale: "en" } });
    const { sent, worker } = recordingSender();
    await worker.runOnce();
    const { createTranslator } = await import("../../src/core/i18n.ts");
    expect(sent).toEqual([
      {
        target: { to: "member", id: "4242" },
        reply: {
          text: createTranslator("en")("errors.staleAction"),
          choices: [{ id: "language:en", label: "English", style: "primary" }],
          visibility: "private",
        },
      },
    ]);
  });

  it("an instant parameter is shown in Europe/Paris wall-clock time, in the member's language, on both sides of the DST change", async () => {
    const { renderNotice } = await import("../../src/delivery/compose.ts");
    const { createTranslator } = await import("../../src/core/i18n.ts");
    // profile.title takes a {name}: any text parameter shows how an instant is rendered.
    const shown = (iso: string, locale: "fr" | "en", style: "date" | "datetime" | "time") =>
      renderNotice({ key: "profile.title", params: { name: { instant: iso, style } } }, locale).text;
    // 2027-03-29 07:00Z is 09:00 in Paris (summer time); 2027-01-11 08:00Z is 09:00 too (winter time).
    expect(shown("2027-03-29T07:00:00Z", "fr", "datetime")).toBe(
      createTranslator("fr")("profile.title", { name: "lundi 29 mars 2027 à 09:00" }),
    );
    expect(shown("2027-01-11T08:00:00Z", "en", "datetime")).toBe(
      createTranslator("en")("profile.title", { name: "Monday, 11 January 2027 at 09:00" }),
    );
    expect(shown("2027-01-11T08:00:00Z", "fr", "time")).toBe(
      createTranslator("fr")("profile.title", { name: "09:00" }),
    );
    expect(shown("2026-12-31T23:30:00Z", "fr", "date")).toBe(
      createTranslator("fr")("profile.title", { name: "vendredi 1 janvier 2027" }),
    );
  });

  it("a non-urgent message in a category the member muted since it was queued is cancelled; an urgent one still goes", async () => {
    const member = await adviser();
    await enqueueMessages(bot.db.prisma, [
      {
        ...base(member.id, "news"),
        category: "broadcast",
        reply: { text: "Programme du mois du numérique", visibility: "private" },
      },
      {
        ...base(member.id, "urgent"),
        category: "broadcast",
        urgent: true,
        reply: { text: "Commission annulée ce soir", visibility: "private" },
      },
    ]);
    await bot.db.prisma.member.update({ where: { id: member.id }, data: { mutedCategories: ["broadcast"] } });
    const { sent, worker } = recordingSender();
    await worker.runOnce();
    expect(sent.map((s) => s.reply.text)).toEqual(["Commission annulée ce soir"]);
    const rows = await bot.db.prisma.outboundMessage.findMany({
      select: { idempotencyKey: true, status: true, lastError: true },
      orderBy: { idempotencyKey: "asc" },
    });
    expect(rows).toEqual([
      { idempotencyKey: "news", status: "CANCELLED", lastError: "muted: broadcast" },
      { idempotencyKey: "urgent", status: "SENT", lastError: null },
    ]);
  });

  it("a live view is computed at send time; when it has nothing left to say, the message is cancelled", async () => {
    const member = await adviser();
    let pending = ["Awa", "Louis"];
    const views = {
      "who-is-left": async () =>
        pending.length ? { text: `Sans réponse : ${pending.join(", ")}`, visibility: "private" as const } : null,
    };
    await enqueueMessages(bot.db.prisma, [
      { ...base(member.id, "v1"), payload: { kind: "live", view: "who-is-left", id: "x" } },
    ]);
    pending = ["Louis"];
    const first = recordingSender(views);
    await first.worker.runOnce();
    expect(first.sent.map((s) => s.reply.text)).toEqual(["Sans réponse : Louis"]);

    await enqueueMessages(bot.db.prisma, [
      { ...base(member.id, "v2"), payload: { kind: "live", view: "who-is-left", id: "x" } },
    ]);
    pending = [];
    const second = recordingSender(views);
    await second.worker.runOnce();
    expect(second.sent).toEqual([]);
    expect(
      await bot.db.prisma.outboundMessage.findFirst({ where: { idempotencyKey: "v2" }, select: { status: true } }),
    ).toEqual({ status: "CANCELLED" });
  });
});
