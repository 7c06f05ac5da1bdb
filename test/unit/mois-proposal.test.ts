import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderNotice } from "../../src/delivery/compose.ts";
import { readPayload } from "../../src/delivery/payload.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { formOf, memberId } from "./activity-support.ts";
import { territoryId } from "./events-support.ts";
import { proposal } from "./mois-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

describe("proposing an animation for the mois du numérique", () => {
  it("a partner gets the form with communes, publics and themes, for the coming edition", async () => {
    const replies = await bot.send("demo-partner", "proposer une animation");
    expect(replies[0]!.text).toContain("mois du numérique 2027 (du 24 janvier 2027 au 24 février 2027)");
    const f = formOf(replies);
    expect(f.id).toBe("mdnnew");
    // The demo's official geography holds 195 communes, more than a menu: the commune is typed (and checked).
    expect(f.byName.commune!.type).toBe("text");
    expect(f.byName.public!.options!.map((o) => o.label)).toContain("seniors");
    expect(f.byName.theme!.options!.map((o) => o.label)).toContain("cybersécurité");
    expect(formOf(await bot.send("demo-adviser", "animation")).id).toBe("mdnnew");
  });

  it("a date outside 24 January – 24 February is refused with the edition's dates", async () => {
    const text = await bot.text("demo-partner", proposal({ date: "10/03" }));
    expect(text).toContain(
      "Le 10 mars 2027 est en dehors du mois du numérique 2027, qui a lieu du 24 janvier 2027 au 24 février 2027",
    );
    expect(await bot.db.prisma.event.count()).toBe(0);
    expect(await bot.text("demo-partner", proposal({ date: "25/02" }))).toContain("en dehors du mois du numérique");
  });

  it("an unknown commune and an end before the start are refused, the form sent back filled in", async () => {
    const replies = await bot.send("demo-partner", proposal({ commune: "Toulouse", end: "13h" }));
    const text = replies.map((r) => r.text).join("\n");
    expect(text).toContain("Je ne trouve pas la commune « Toulouse »");
    expect(text).toContain("fin");
    expect(formOf(replies).byName.title!.value).toBe("Déjouer les arnaques en ligne");
    expect(await bot.db.prisma.event.count()).toBe(0);
  });

  it("a proposal is recorded as awaiting approval for the partner's organisation, and coordinators are told with buttons", async () => {
    const text = await bot.text("demo-partner", proposal({ commune: "moissac" }));
    expect(text).toContain("« Déjouer les arnaques en ligne »");
    expect(text).toContain("Un coordinateur du réseau va l’examiner");
    const event = await bot.db.prisma.event.findFirstOrThrow({ include: { organisation: true } });
    expect(event).toMatchObject({
      type: "MOIS_DU_NUMERIQUE",
      status: "PROPOSED",
      topic: "CYBERSECURITY",
      place: "Médiathèque, Moissac",
      capacity: 12,
      audienceTerritoryIds: [],
    });
    expect(event).toMatchObject({
      territoryId: await territoryId(bot, "Moissac"),
      intendedPublic: "SENIORS",
      description: "Reconnaître un faux SMS.",
    });
    expect(event.organisation!.name).toBe("Réseau des médiathèques de Tarn-et-Garonne");
    expect(event.startsAt.toISOString()).toBe("2027-01-30T13:00:00.000Z");
    const queued = await bot.db.prisma.outboundMessage.findMany();
    expect(queued.map((m) => m.memberId)).toEqual([await memberId(bot, "demo-coordinator")]);
    const rendered = renderNotice(
      (readPayload(queued[0]!.payload) as { kind: "notice"; notice: Parameters<typeof renderNotice>[0] }).notice,
      "fr",
    );
    expect(rendered.text).toContain(
      "Nouvelle animation proposée pour le mois du numérique par Réseau des médiathèques de Tarn-et-Garonne",
    );
    expect(rendered.text).toContain("(cybersécurité, seniors)");
    expect(rendered.choices!.map((c) => c.id)).toEqual([`mdn.approve:${event.id}`, `mdn.decline:${event.id}`]);
  });

  it("a member attached to no organisation is asked to get attached by a coordinator", async () => {
    const partner = await memberId(bot, "demo-partner");
    const before = await bot.db.prisma.member.findUniqueOrThrow({ where: { id: partner } });
    await bot.db.prisma.member.update({ where: { id: partner }, data: { organisationId: null } });
    try {
      expect(await bot.text("demo-partner", "animation")).toContain("votre profil n’est rattaché à aucune");
      expect(await bot.text("demo-partner", proposal())).toContain(
        "Demandez à un coordinateur du réseau de vous rattacher",
      );
      expect(await bot.db.prisma.event.count()).toBe(0);
    } finally {
      await bot.db.prisma.member.update({ where: { id: partner }, data: { organisationId: before.organisationId } });
    }
  });

  it("an intern cannot propose, and is told who can", async () => {
    const replies = await bot.send("demo-intern", "animation");
    expect(replies.some((r) => r.form)).toBe(false);
    expect(replies.map((r) => r.text).join("\n")).toContain("This command is for partners, digital advisers");
    expect((await bot.send("demo-intern", proposal())).some((r) => r.form)).toBe(false);
    expect(await bot.db.prisma.event.count()).toBe(0);
  });
});
