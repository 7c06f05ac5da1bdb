import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { choiceByLabel, memberId } from "./activity-support.ts";

let bot: TestBot;
let coordinator: string;
let committee: string;
let fiche: { id: string; indicatorId: string };
beforeAll(async () => {
  bot = await createTestBot();
  coordinator = await memberId(bot, "demo-cls");
  committee = await memberId(bot, "demo-health");
  const indicator = await bot.db.prisma.indicator.findFirstOrThrow({ where: { label: "Commissions santé réunies" } });
  fiche = { id: indicator.ficheActionId, indicatorId: indicator.id };
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.progressReport.deleteMany({});
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const send = (input: string | ReturnType<typeof action>) => bot.send("demo-cls", input);
const text = (input: string | ReturnType<typeof action>) => bot.text("demo-cls", input);

async function insert(
  member: string,
  date: string,
  text = "Commission santé tenue",
  withIndicator = true,
): Promise<string> {
  const row = await bot.db.prisma.progressReport.create({
    data: {
      networkId: bot.networkId,
      memberId: member,
      ficheActionId: fiche.id,
      date: day(date),
      text,
      ...(withIndicator ? { indicatorId: fiche.indicatorId, value: 1 } : {}),
    },
  });
  return row.id;
}

async function meetings(): Promise<number> {
  const values = await computeIndicators(bot.db.prisma, {
    networkId: bot.networkId,
    window: { today: { year: 2026, month: 11, day: 23 } },
  });
  return values.find((v) => v.id === fiche.indicatorId)!.value;
}

describe("my progress updates", () => {
  it("lists the member's last ten, with Delete for those of the last 30 days", async () => {
    for (let i = 0; i < 11; i++)
      await insert(coordinator, `2026-11-${String(10 + i).padStart(2, "0")}`, `Réunion ${i + 1}`);
    await insert(coordinator, "2026-10-23", "Commission d’octobre", false);
    await insert(committee, "2026-11-22", "Commission de la CPTS");
    const [reply] = await send("avancements");
    const lines = reply!.text.split("\n");
    expect(lines[0]).toBe("Vos derniers avancements (10) :");
    expect(lines[1]).toBe("1. ven. 20 nov. 2026 — CLS-TDC 1.1.2 — +1 Commissions santé réunies — « Réunion 11 »");
    expect(lines).toHaveLength(11);
    expect(reply!.choices!.map((c) => c.label).slice(0, 2)).toEqual(["Supprimer n°1", "Supprimer n°2"]);
    await bot.db.prisma.progressReport.deleteMany({ where: { date: { gte: day("2026-11-12") } } });
    const [older] = await send("avancement liste");
    expect(older!.text).toContain(
      "3. ven. 23 oct. 2026 — CLS-TDC 1.1.2 — « Commission d’octobre » (plus de 30 jours : plus supprimable)",
    );
    expect(older!.choices!.map((c) => c.label)).toEqual(["Supprimer n°1", "Supprimer n°2"]);
    const [mine] = await send("mes avancements");
    expect(mine!.text).toBe(older!.text);
  });

  it("“mes activités” from a CLS coordinator points to “mes avancements”", async () => {
    expect(await text("mes activités")).toBe(
      "Tapez « mes avancements » pour vos derniers avancements sur les fiches-actions.",
    );
  });

  it("with nothing recorded, says how to start", async () => {
    expect(await text("avancements")).toBe(
      "Vous n’avez encore enregistré aucun avancement. Tapez « avancement » pour commencer.",
    );
  });

  it("Delete asks first; No keeps it, Yes deletes it and the indicator goes down", async () => {
    const id = await insert(coordinator, "2026-11-20");
    await insert(coordinator, "2026-11-21");
    expect(await meetings()).toBe(2);
    const asked = await send(action(`prg:d:${id}`));
    expect(asked[0]!.text).toBe(
      "Supprimer cet avancement ? ven. 20 nov. 2026 — CLS-TDC 1.1.2 — +1 Commissions santé réunies — « Commission santé tenue »",
    );
    expect(await text(action(choiceByLabel(asked, "Non, garder")))).toBe("Rien n’a été supprimé.");
    expect(await text(action(choiceByLabel(asked, "Oui, supprimer")))).toBe(
      "Avancement supprimé : il ne compte plus dans les indicateurs.",
    );
    expect(await meetings()).toBe(1);
    expect(await text(action(`prg.delete:${id}`))).toBe(
      "Je ne trouve pas cet avancement : il a peut-être été supprimé. Tapez « avancements » pour voir les vôtres.",
    );
  });

  it("someone else's update cannot be deleted", async () => {
    const theirs = await insert(committee, "2026-11-22");
    expect(await text(action(`prg.ask-delete:${theirs}`))).toBe(
      "Cet avancement a été saisi par Nathalie Bousquet : seul son auteur peut le supprimer.",
    );
    expect(await text(action(`prg:dd:${theirs}`))).toBe(
      "Cet avancement a été saisi par Nathalie Bousquet : seul son auteur peut le supprimer.",
    );
    expect(await bot.db.prisma.progressReport.count({ where: { id: theirs } })).toBe(1);
  });

  it("an update more than 30 days old can no longer be deleted", async () => {
    const old = await insert(coordinator, "2026-10-23");
    expect(await text(action(`prg:dd:${old}`))).toBe(
      "Cet avancement date du ven. 23 oct. 2026 : il ne se supprime que dans les 30 jours qui suivent. Si une correction est nécessaire, demandez-la à un coordinateur du réseau.",
    );
    expect(await bot.db.prisma.progressReport.count({ where: { id: old } })).toBe(1);
    const recent = await insert(coordinator, "2026-10-24");
    expect(await text(action(`prg:dd:${recent}`))).toBe(
      "Avancement supprimé : il ne compte plus dans les indicateurs.",
    );
  });
});
