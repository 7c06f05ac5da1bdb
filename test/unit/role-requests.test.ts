import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { action, createTestBot, onboard, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

async function pendingRequestOf(name: string) {
  return bot.db.prisma.roleRequest.findFirstOrThrow({ where: { member: { displayName: name }, status: "PENDING" } });
}

describe("role requests and the member list", () => {
  it("a coordinator approves with a button; the member gains the role and its commands", async () => {
    await onboard(bot, "new-coordinator", "NETWORK_COORDINATOR");
    expect(await bot.text("new-coordinator", "membres")).toContain("réservée aux coordinateurs");
    const request = await pendingRequestOf("new-coordinator");
    expect(await bot.text("demo-coordinator", action(`role:approve:${request.id}`))).toBe(
      "Rôle « coordinateur du réseau » accordé à new-coordinator.",
    );
    expect(await bot.text("new-coordinator", "aide")).toContain("• membres");
    const audit = await bot.db.prisma.auditLog.findFirstOrThrow({ where: { action: "role.approve" } });
    expect(audit.details).toMatchObject({ requestId: request.id, role: "NETWORK_COORDINATOR" });
  });

  it("a request already decided is not decided again", async () => {
    const decided = await bot.db.prisma.roleRequest.findFirstOrThrow({ where: { status: "APPROVED" } });
    expect(await bot.text("demo-coordinator", action(`role:refuse:${decided.id}`))).toBe(
      "Cette demande a déjà été traitée.",
    );
  });

  it("a coordinator refuses by typing the short reference and a reason", async () => {
    await onboard(bot, "hopeful", "HEALTH_COMMITTEE");
    const request = await pendingRequestOf("hopeful");
    const text = await bot.text("demo-coordinator", `refuser ${request.id.slice(0, 8)} pas membre de la commission`);
    expect(text).toBe("Demande de hopeful pour le rôle « membre de la commission santé » refusée.");
    expect(await bot.db.prisma.roleRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "REFUSED",
      reason: "pas membre de la commission",
    });
    expect(await bot.text("demo-coordinator", "valider zzz")).toContain("Je ne trouve pas cette demande");
  });

  it("two coordinators approving at the same instant make one decision", async () => {
    await onboard(bot, "contested", "PARTNER");
    const request = await pendingRequestOf("contested");
    const answers = await Promise.all([
      bot.text("demo-coordinator", action(`role:approve:${request.id}`)),
      bot.text("new-coordinator", action(`role:approve:${request.id}`)),
    ]);
    expect(answers.sort()).toEqual(["Cette demande a déjà été traitée.", "Rôle « partenaire » accordé à contested."]);
    const member = await bot.db.prisma.member.findFirstOrThrow({ where: { displayName: "contested" } });
    expect(member.roles).toEqual(["PARTNER"]);
  });

  it("the member list can be narrowed to a role typed in French or English", async () => {
    const advisers = await bot.text("demo-coordinator", "membres conseillers numériques");
    expect(advisers).toContain("1 membre :");
    expect(advisers).toContain("Julien Carrère — conseiller numérique");
    expect(await bot.text("demo-coordinator", "membres partner")).toContain("2 membres :");
    expect(await bot.text("demo-coordinator", "membres astronaute")).toContain(
      "Je ne connais pas le rôle « astronaute »",
    );
  });

  it("with no pending request, the coordinator is told so", async () => {
    await bot.db.prisma.roleRequest.updateMany({ where: { status: "PENDING" }, data: { status: "REFUSED" } });
    expect(await bot.text("demo-coordinator", "demandes")).toBe("Aucune demande de rôle en attente.");
  });
  it("the member hears of the decision on the bot's initiative, in their language, with the coordinator's reason", async () => {
    await onboard(bot, "waiting-adviser", "DIGITAL_ADVISER");
    await onboard(bot, "waiting-partner", "PARTNER");
    await bot.text("waiting-partner", "langue en");
    await bot.text("demo-coordinator", action(`role:approve:${(await pendingRequestOf("waiting-adviser")).id}`));
    await bot.text(
      "demo-coordinator",
      `refuser ${(await pendingRequestOf("waiting-partner")).id.slice(0, 8)} structure hors du département`,
    );
    const delivered: { to: string; reply: Reply }[] = [];
    const sender = createDeliveryWorker({
      db: bot.db.prisma,
      adapter: {
        platform: "local",
        deliver: async (target, reply) => (
          delivered.push({ to: target.id, reply }), { kind: "sent", platformMessageId: String(delivered.length) }
        ),
      },
      log: silentLog,
      now: bot.now,
    });
    await sender.runOnce();
    await sender.runOnce();
    const coordinator = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { externalId: "demo-coordinator" } } },
      select: { displayName: true },
    });
    const toThem = delivered.filter((d) => d.to.startsWith("waiting-"));
    expect(toThem.map((d) => [d.to, d.reply.text]).sort()).toEqual([
      [
        "waiting-adviser",
        `Bonne nouvelle : votre rôle « conseiller numérique » est validé par ${coordinator.displayName}. Tapez « aide » pour voir ce que vous pouvez faire maintenant.`,
      ],
      [
        "waiting-partner",
        `Your request for the role “partner” was not accepted by ${coordinator.displayName}. Reason: structure hors du département`,
      ],
    ]);
  });
});
