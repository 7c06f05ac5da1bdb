import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, createTestBot, form, onboard, type TestBot } from "../support/bot.ts";
import { createDeadline, queuedFor } from "./deadline-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
});
afterAll(() => bot.close());

const groupForm = (values: Partial<Record<"name" | "description" | "lead" | "members", string>>) =>
  form("grp", { name: "Logement des internes", description: "", lead: "Sophie Delmas", members: "", ...values });
const groupCount = () => bot.db.prisma.workingGroup.count();

describe("creating working groups", () => {
  it("a coordinator creates a group: names match ignoring case and accents, and a role name adds everyone holding it", async () => {
    const text = await bot.text(
      "demo-coordinator",
      groupForm({
        description: "Trouver des logements pour les internes",
        members: "julien carrere; THOMAS LEFEVRE\npartenaires",
      }),
    );
    expect(text).toBe(
      "Groupe « Logement des internes » créé avec 3 membres : Isabelle Fabre, Julien Carrère et Thomas Lefèvre. Responsable : Sophie Delmas.",
    );
    const group = await bot.db.prisma.workingGroup.findFirstOrThrow({
      where: { name: "Logement des internes" },
      include: { members: true, lead: true },
    });
    expect(group.members).toHaveLength(3);
    expect(group.lead?.displayName).toBe("Sophie Delmas");
    expect(await bot.db.prisma.auditLog.count({ where: { action: "group.create" } })).toBe(1);
  });

  it("unknown and ambiguous names are listed, nothing is saved, and the form comes back as typed", async () => {
    await onboard(bot, { user: "julien-m", name: "Julien Martin" }, "PARTNER");
    const before = await groupCount();
    const [reply] = await bot.send(
      "demo-coordinator",
      groupForm({
        name: "Parcours d’installation",
        lead: "Personne Inconnue",
        members: "Julien, Jean Dupont, Isabelle",
      }),
    );
    expect(reply!.text).toBe(
      [
        "Le groupe n’a pas été enregistré :",
        "Je ne trouve aucun membre actif nommé Jean Dupont : vérifiez l’orthographe (« membres » les liste).",
        "« Julien » désigne plusieurs membres (Julien Carrère et Julien Martin) : écrivez le nom complet.",
        "Je ne trouve aucun membre actif nommé Personne Inconnue : vérifiez l’orthographe (« membres » les liste).",
      ].join("\n"),
    );
    expect(reply!.form!.fields.find((f) => f.name === "members")!.value).toBe("Julien, Jean Dupont, Isabelle");
    expect(await groupCount()).toBe(before);
  });

  it("a group with no members, or a name already used, is refused", async () => {
    expect(await bot.text("demo-coordinator", groupForm({ name: "Groupe vide", members: " , ; " }))).toContain(
      "Un groupe a besoin d’au moins un membre",
    );
    expect(
      await bot.text("demo-coordinator", groupForm({ name: "logement des INTERNES", members: "Isabelle Fabre" })),
    ).toContain("Un groupe « logement des INTERNES » existe déjà : choisissez un autre nom.");
    expect(await groupCount()).toBe(1);
  });

  it("a CLS coordinator's form proposes them as lead; other members may not create groups", async () => {
    const [reply] = await bot.send("demo-cls", "groupe créer");
    expect(reply!.form!.fields.find((f) => f.name === "lead")!.value).toBe("Camille Roques");
    expect(await bot.text("demo-adviser", "groupe créer")).toBe(
      "Cette commande est réservée aux coordinateurs du réseau ou coordonnateurs CLS. Si vous en avez besoin, demandez à un coordinateur du réseau.",
    );
    expect(await bot.text("demo-adviser", groupForm({ name: "Pirate", members: "Julien Carrère" }))).toContain(
      "réservée aux coordinateurs du réseau",
    );
    expect(
      await bot.text(
        "demo-cls",
        groupForm({ name: "Forum santé", lead: "Camille Roques", members: "Nathalie Bousquet" }),
      ),
    ).toContain("Groupe « Forum santé » créé");
  });
});

describe("seeing and changing groups", () => {
  it("“groupes” lists a member's groups, all of them for a coordinator", async () => {
    expect(await bot.text("demo-coordinator", "groupes")).toBe(
      [
        "2 groupes de travail :",
        "• Forum santé — 1 membre ; responsable : Camille Roques ; prochaine échéance : aucune",
        "• Logement des internes — 3 membres ; responsable : Sophie Delmas ; prochaine échéance : aucune",
        "« groupe <nom> » montre un groupe ; « groupe créer » en crée un.",
      ].join("\n"),
    );
    expect(await bot.text("demo-intern", "groups")).toContain(
      "1 working group:\n• Logement des internes — 3 members; lead: Sophie Delmas; next deadline: none",
    );
    expect(await bot.text("demo-partner", "groupes")).toContain("1 groupe de travail :");
    expect(await bot.text("demo-health", "groupes")).toContain("1 groupe de travail :\n• Forum santé");
    expect(await bot.text("julien-m", "groupes")).toBe(
      "Vous ne faites partie d’aucun groupe de travail pour l’instant.",
    );
  });

  it("“groupe <nom>” shows a group found by part of its name, with its members and next deadlines", async () => {
    const group = await bot.db.prisma.workingGroup.findFirstOrThrow({ where: { name: "Logement des internes" } });
    await createDeadline(bot, { groupId: group.id, title: "Feuille de route", date: "04/12/2026" });
    expect(await bot.text("demo-partner", "groupe logement")).toBe(
      [
        "Groupe « Logement des internes »",
        "Trouver des logements pour les internes",
        "Responsable : Sophie Delmas",
        "Membres (3) : Isabelle Fabre, Julien Carrère et Thomas Lefèvre",
        "Prochaines échéances :",
        "• Feuille de route (tâche) — vendredi 4 décembre 2026 à 18:00",
      ].join("\n"),
    );
    expect(await bot.text("demo-partner", "groupe astronomie")).toBe(
      "Je ne trouve pas de groupe « astronomie ». Tapez « groupes » pour voir les vôtres.",
    );
  });

  it("a member added to a group gets the reminders still ahead of its deadlines; one removed has theirs withdrawn", async () => {
    const deadline = await bot.db.prisma.deadline.findFirstOrThrow({ where: { title: "Feuille de route" } });
    expect(await bot.text("demo-cls", "groupe Logement des internes ajouter Nathalie Bousquet")).toBe(
      "Seuls le responsable du groupe « Logement des internes » et les coordinateurs du réseau peuvent le modifier.",
    );
    bot.setNow(new Date("2026-11-28T10:00:00Z"));
    expect(
      await bot.text("demo-coordinator", "groupe Logement des internes ajouter Nathalie Bousquet, Isabelle Fabre"),
    ).toBe(
      "« Logement des internes » : 1 membre ajouté, Nathalie Bousquet. Il recevra les rappels des échéances en cours.",
    );
    // The 7-day reminder (27 November) is past: Nathalie gets the 2-day and same-day ones.
    expect((await queuedFor(bot, deadline.id)).filter((q) => q.includes("demo-health"))).toEqual([
      "2d demo-health 2026-12-02T08:00:00.000Z",
      "0d demo-health 2026-12-04T08:00:00.000Z",
    ]);
    expect(await bot.text("demo-coordinator", "groupe logement des internes retirer thomas lefèvre")).toBe(
      "« Logement des internes » : 1 membre retiré, Thomas Lefèvre. Ses rappels en attente sont annulés.",
    );
    expect((await queuedFor(bot, deadline.id)).filter((q) => q.includes("demo-intern"))).toEqual([]);
    expect(await bot.text("demo-intern", action(`dl.done:${deadline.id}`))).toContain(
      "You are not in the group “Logement des internes”",
    );
    // Back in the group: the reminders still ahead are queued again.
    await bot.text("demo-coordinator", "groupe logement des internes ajouter thomas lefèvre");
    expect((await queuedFor(bot, deadline.id)).filter((q) => q.includes("demo-intern"))).toEqual([
      "2d demo-intern 2026-12-02T08:00:00.000Z",
      "0d demo-intern 2026-12-04T08:00:00.000Z",
    ]);
    expect(await bot.text("demo-coordinator", "groupe logement des internes retirer Julien Martin, Jean Dupont")).toBe(
      "Le groupe n’a pas été enregistré :\nJe ne trouve aucun membre actif nommé Jean Dupont : vérifiez l’orthographe (« membres » les liste).",
    );
    expect(await bot.text("demo-coordinator", "groupe logement des internes ajouter")).toBe(
      "Écrivez les noms après le mot : « groupe Logement des internes ajouter Julien Carrère, Isabelle Fabre ».",
    );
  });
});
