import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, choiceIds, createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

describe("onboarding", () => {
  it("a newcomer is greeted by name and asked their language, whatever they type", async () => {
    const replies = await bot.send({ user: "camille", name: "Camille" }, "bonjour");
    expect(replies[0]!.text).toContain("Camille");
    expect(choiceIds(replies)).toEqual(["onb.language:fr", "onb.language:en"]);
  });

  it("language, role, organisation and territory lead to a profile and a role request for coordinators", async () => {
    const who = { user: "lea", name: "Léa" };
    await bot.send(who, "démarrer");
    const role = await bot.send(who, action("onb:language:en"));
    expect(role[0]!.text).toBe("What is your role in the network? A coordinator will approve your request.");
    const organisations = await bot.send(who, action("onb:role:DIGITAL_ADVISER"));
    const mediatheques = organisations[0]!.choices!.find((c) => c.label.includes("médiathèques"))!;
    const territories = await bot.send(who, action(mediatheques.id));
    expect(territories[0]!.choices!.map((c) => c.label)).toContain("Tarn-et-Garonne");
    const done = await bot.send(who, action(territories[0]!.choices![0]!.id));
    expect(done[0]!.text).toContain("“digital adviser” role has been sent to the network coordinators");

    const member = await bot.db.prisma.member.findFirstOrThrow({
      where: { displayName: "Léa" },
      include: { roleRequests: true, organisation: true },
    });
    expect(member).toMatchObject({ status: "ACTIVE", locale: "en", roles: [] });
    expect(member.organisation?.name).toContain("médiathèques");
    expect(member.roleRequests.map((r) => [r.role, r.status])).toEqual([["DIGITAL_ADVISER", "PENDING"]]);
    expect(await bot.text("demo-coordinator", "demandes")).toContain("Léa demande le rôle « conseiller numérique »");
  });

  it("an onboarding half done survives a restart and resumes at the same question", async () => {
    const who = "restarter";
    await bot.send(who, "démarrer");
    await bot.send(who, action("onb:language:fr"));
    await bot.send(who, action("onb:role:PARTNER"));
    bot.restart();
    const resumed = await bot.send(who, "euh, où en étais-je ?");
    expect(resumed[0]!.text).toBe("Pour quelle structure travaillez-vous ?");
  });

  it("a button from an earlier question is answered with the current question, not an error", async () => {
    const who = "stale-presser";
    await bot.send(who, "démarrer");
    await bot.send(who, action("onb:language:fr"));
    const replies = await bot.send(who, action("onb:language:en"));
    expect(replies[0]!.text).toBe("Ce bouton n’est plus valable. Voici où nous en sommes :");
    expect(replies[1]!.text).toContain("Quel est votre rôle");
  });

  it("a forged organisation id is not saved", async () => {
    const who = "forger";
    await bot.send(who, "démarrer");
    await bot.send(who, action("onb:language:fr"));
    await bot.send(who, action("onb:role:PARTNER"));
    const replies = await bot.send(who, action("onb:organisation:00000000-0000-0000-0000-000000000000"));
    expect(replies[0]!.text).toContain("plus valable");
    const member = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { externalId: who } } },
    });
    expect(member.organisationId).toBeNull();
  });

  it("help and language work during onboarding; member commands ask to finish first", async () => {
    const who = "curious";
    expect(await bot.text(who, "aide")).toContain("Présentez-vous d’abord");
    expect(await bot.text(who, "langue en")).toBe("Done: I’ll answer in English from now on.");
    const replies = await bot.send(who, "profil");
    expect(replies[0]!.text).toBe("Let’s finish introducing you first; it takes thirty seconds.");
    expect(choiceIds(replies)).toContain("onb.language:fr");
  });

  it("someone already registered who types start is told so", async () => {
    expect(await bot.text("demo-adviser", "démarrer")).toContain("Vous êtes déjà inscrit, Julien");
  });

  it("two first messages at the same instant create one member", async () => {
    await Promise.all([bot.send("twin", "bonjour"), bot.send("twin", "bonjour")]);
    expect(await bot.db.prisma.platformIdentity.count({ where: { externalId: "twin" } })).toBe(1);
    expect(await bot.db.prisma.member.count({ where: { displayName: "twin" } })).toBe(1);
  });

  it("a conversation that no coordinator bound to a network is told so", async () => {
    expect(
      await bot.text({ platform: "telegram", user: "42", scope: "unbound-chat", conversation: "group" }, "aide"),
    ).toContain("n’est rattachée à aucun réseau");
  });
});
