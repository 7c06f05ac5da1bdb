import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderNotice } from "../../src/delivery/compose.ts";
import { type Notice, readPayload } from "../../src/delivery/payload.ts";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { formOf, memberId } from "./activity-support.ts";
import { addCoordinator, proposal } from "./mois-support.ts";

let bot: TestBot;
let second: string;
beforeAll(async () => {
  bot = await createTestBot();
  second = await addCoordinator(bot, "second-coordinator", "Marc Vidal");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

async function propose() {
  await bot.send("demo-partner", proposal());
  return bot.db.prisma.event.findFirstOrThrow();
}

async function toldPartner(prefix: string) {
  const partner = await memberId(bot, "demo-partner");
  const rows = await bot.db.prisma.outboundMessage.findMany({
    where: { memberId: partner, idempotencyKey: { startsWith: prefix } },
  });
  expect(rows).toHaveLength(1);
  return renderNotice((readPayload(rows[0]!.payload) as { notice: Notice }).notice, "fr").text;
}

describe("coordinators approve or decline proposals", () => {
  it("both coordinators are told, the pending list offers the buttons, and approving schedules it and tells the partner", async () => {
    const event = await propose();
    expect(
      await bot.db.prisma.outboundMessage.count({ where: { idempotencyKey: { startsWith: "mdn-proposed:" } } }),
    ).toBe(2);
    const pending = await bot.send("demo-coordinator", "animations à valider");
    expect(pending[0]!.text).toContain("1 animation attend votre validation");
    expect(pending.map((r) => r.text).join("\n")).toContain("Thème : cybersécurité · Public : seniors · Places : 12");
    expect(pending.flatMap((r) => r.choices ?? []).map((c) => c.id)).toEqual([
      `mdn.approve:${event.id}`,
      `mdn.decline:${event.id}`,
    ]);
    expect(await bot.text("demo-coordinator", action(`mdn.approve:${event.id}`))).toContain(
      "C’est validé : « Déjouer les arnaques en ligne »",
    );
    const approved = await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(approved).toMatchObject({ status: "SCHEDULED", reviewedById: await memberId(bot, "demo-coordinator") });
    expect(approved.reviewedAt).not.toBeNull();
    expect(await toldPartner("mdn-approved:")).toContain("est validée : elle paraît au programme");
    expect(await bot.text("demo-coordinator", "animations à valider")).toContain(
      "Aucune animation n’attend de validation",
    );
  });

  it("a second coordinator pressing an already approved proposal is told who decided", async () => {
    const event = await propose();
    await bot.send("demo-coordinator", action(`mdn.approve:${event.id}`));
    expect(await bot.text("second-coordinator", action(`mdn.approve:${event.id}`))).toContain(
      "« Déjouer les arnaques en ligne » a déjà été validée par Sophie Delmas",
    );
    expect(await bot.text("second-coordinator", action(`mdn.decline:${event.id}`))).toContain(
      "déjà été validée par Sophie Delmas",
    );
    expect(
      await bot.db.prisma.outboundMessage.count({
        where: { idempotencyKey: { startsWith: "mdn-" }, NOT: { idempotencyKey: { startsWith: "mdn-proposed:" } } },
      }),
    ).toBe(1);
  });

  it("two coordinators deciding at the same instant: exactly one decision stands, the other is told", async () => {
    const event = await propose();
    const [a, b] = await Promise.all([
      bot.text("demo-coordinator", action(`mdn.approve:${event.id}`)),
      bot.text("second-coordinator", form(`mdnno:${event.id}`, { reason: "Date déjà prise" })),
    ]);
    const decided = await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    const winner = decided.status === "SCHEDULED" ? a : b;
    const loser = decided.status === "SCHEDULED" ? b : a;
    expect(["SCHEDULED", "REJECTED"]).toContain(decided.status);
    expect(winner).not.toContain("déjà été");
    expect(loser).toContain(
      decided.status === "SCHEDULED" ? "déjà été validée par Sophie Delmas" : "déjà été refusée par Marc Vidal",
    );
    expect(
      await bot.db.prisma.outboundMessage.count({
        where: {
          OR: [
            { idempotencyKey: { startsWith: "mdn-approved:" } },
            { idempotencyKey: { startsWith: "mdn-declined:" } },
          ],
        },
      }),
    ).toBe(1);
  });

  it("declining asks for a reason, which the partner is told", async () => {
    const event = await propose();
    const asked = await bot.send("second-coordinator", action(`mdn.decline:${event.id}`));
    const f = formOf(asked);
    expect(f.id).toBe(`mdnno:${event.id}`);
    expect(await bot.text("second-coordinator", form(f.id, { reason: "  " }))).toContain("Indiquez une raison");
    expect((await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PROPOSED");
    expect(
      await bot.text(
        "second-coordinator",
        form(f.id, { reason: "Une animation identique a lieu le même jour à Moissac." }),
      ),
    ).toContain("est refusée");
    expect(await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      status: "REJECTED",
      reviewedById: second,
      reviewNote: "Une animation identique a lieu le même jour à Moissac.",
    });
    expect(await toldPartner("mdn-declined:")).toContain(
      "n’a pas été retenue. Raison donnée par le coordinateur : Une animation identique a lieu le même jour à Moissac.",
    );
    expect(await bot.text("demo-partner", "mes animations")).toContain(
      "refusée (Une animation identique a lieu le même jour à Moissac.)",
    );
    expect(await bot.text("demo-coordinator", action(`mdn.approve:${event.id}`))).toContain(
      "déjà été refusée par Marc Vidal",
    );
  });

  it("partners cannot approve, nor list the pending proposals; the refused press is audited", async () => {
    const event = await propose();
    expect(await bot.text("demo-partner", action(`mdn.approve:${event.id}`))).toBe(
      "Cette commande est réservée aux coordinateurs du réseau. Si vous en avez besoin, demandez à un coordinateur du réseau.",
    );
    const partner = await bot.db.prisma.platformIdentity.findFirstOrThrow({ where: { externalId: "demo-partner" } });
    const denied = await bot.db.prisma.auditLog.findFirstOrThrow({
      where: { networkId: bot.networkId, action: "action:mdn.approve", outcome: "denied" },
    });
    expect(denied.actorMemberId).toBe(partner.memberId);
    expect(denied.details).toMatchObject({ requires: ["NETWORK_COORDINATOR"], platform: "local" });
    expect(await bot.text("demo-partner", "animations à valider")).toContain("réservés aux coordinateurs du réseau");
    expect((await bot.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PROPOSED");
  });
});
