import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { action, choiceIds, createTestBot, form, onboard, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
const delivered: { to: string; reply: Reply }[] = [];

beforeAll(async () => {
  bot = await createTestBot();
  // A second coordinator, who reads English.
  await onboard(bot, "english-coordinator", "NETWORK_COORDINATOR", "en");
  await bot.db.prisma.member.updateMany({
    where: { displayName: "english-coordinator" },
    data: { roles: ["NETWORK_COORDINATOR"] },
  });
  await bot.db.prisma.roleRequest.deleteMany({});
  await bot.db.prisma.outboundMessage.deleteMany({});
});
afterAll(() => bot.close());

/** Runs the local chat's sender as the delivery engine would, collecting what it sends. */
async function sendQueued(): Promise<{ to: string; reply: Reply }[]> {
  const from = delivered.length;
  const sender = createDeliveryWorker({
    db: bot.db.prisma,
    adapter: {
      platform: "local",
      deliver: async (target, reply) => {
        delivered.push({ to: target.id, reply });
        return { kind: "sent", platformMessageId: String(delivered.length) };
      },
    },
    log: silentLog,
    now: bot.now,
  });
  await sender.runOnce();
  await sender.runOnce();
  return delivered.slice(from);
}

async function pendingRequestOf(name: string) {
  return bot.db.prisma.roleRequest.findFirstOrThrow({ where: { member: { displayName: name }, status: "PENDING" } });
}

describe("coordinators hear of role requests on the bot's initiative", () => {
  it("a new request reaches each network coordinator once, in their language, with Approve and Refuse", async () => {
    await onboard(bot, "hopeful-partner", "PARTNER");
    const request = await pendingRequestOf("hopeful-partner");
    const sent = await sendQueued();
    expect(sent.map((d) => [d.to, d.reply.text]).sort()).toEqual([
      [
        "demo-coordinator",
        expect.stringContaining("Nouvelle demande de rôle : hopeful-partner demande le rôle « partenaire »"),
      ],
      ["english-coordinator", expect.stringContaining("New role request: hopeful-partner asks for the “partner” role")],
    ]);
    const english = sent.find((d) => d.to === "english-coordinator")!;
    expect(english.reply.choices?.map((c) => [c.id, c.label])).toEqual([
      [`role.approve:${request.id}`, "Approve"],
      [`role.refuse:${request.id}`, "Refuse"],
    ]);
    expect(await sendQueued()).toEqual([]);
  });

  it("a member who is not a coordinator pressing Approve is refused, audited, and the request still waits", async () => {
    const request = await pendingRequestOf("hopeful-partner");
    expect(await bot.text("demo-partner", action(`role.approve:${request.id}`))).toContain(
      "réservée aux coordinateurs du réseau",
    );
    expect((await bot.db.prisma.roleRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
    expect(await bot.db.prisma.auditLog.count({ where: { action: "action:role.approve", outcome: "denied" } })).toBe(1);
  });

  it("Refuse asks a reason, and the member reads the refusal with it", async () => {
    const request = await pendingRequestOf("hopeful-partner");
    const asked = await bot.send("demo-coordinator", action(`role.refuse:${request.id}`));
    expect(asked[0]?.form?.id).toBe(`role-refusal:${request.id}`);
    expect(await bot.text("demo-coordinator", form(`role-refusal:${request.id}`, { reason: "  " }))).toContain(
      "Indiquez un motif",
    );
    expect(
      await bot.text("demo-coordinator", form(`role-refusal:${request.id}`, { reason: "structure hors réseau" })),
    ).toBe("Demande de hopeful-partner pour le rôle « partenaire » refusée.");
    const sent = await sendQueued();
    expect(sent.map((d) => [d.to, d.reply.text])).toEqual([
      [
        "hopeful-partner",
        "Votre demande de rôle « partenaire » n’a pas été acceptée par Sophie Delmas. Motif : structure hors réseau",
      ],
    ]);
  });

  it("a refused member who types « démarrer » can ask again, and the coordinators hear of it", async () => {
    const offered = await bot.send("hopeful-partner", "démarrer");
    expect(offered.map((r) => r.text).join("\n")).toContain(
      "votre demande de rôle « partenaire » n’a pas été acceptée",
    );
    expect(choiceIds(offered)).toContain("onb.ask-again:PARTNER");
    expect(await bot.text("hopeful-partner", action("onb.ask-again:PARTNER"))).toBe(
      "Votre demande de rôle « partenaire » est transmise aux coordinateurs du réseau.",
    );
    expect(await bot.text("hopeful-partner", action("onb.ask-again:PARTNER"))).toContain("déjà une demande");
    const again = await pendingRequestOf("hopeful-partner");
    const sent = await sendQueued();
    expect(sent.map((d) => d.to).sort()).toEqual(["demo-coordinator", "english-coordinator"]);
    expect(sent.every((d) => d.reply.choices?.[0]?.id === `role.approve:${again.id}`)).toBe(true);
    expect(await bot.text("hopeful-partner", "démarrer")).toContain("Vous êtes déjà inscrit");
  });
});
