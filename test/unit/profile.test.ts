import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const valid = { displayName: "Julien C.", organisationId: "", territoryId: "", quietStart: "21:30", quietEnd: "7h00" };

describe("profile", () => {
  it("shows roles, organisation, language, quiet hours and linked platforms, with an edit button", async () => {
    const [reply] = await bot.send("demo-adviser", "profil");
    expect(reply!.text).toContain("Profil de Julien Carrère");
    expect(reply!.text).toContain("Rôles : conseiller numérique");
    expect(reply!.text).toContain("Heures calmes : de 20:00 à 08:00");
    expect(reply!.text).toContain("Comptes reliés : chat local");
    expect(reply!.choices).toEqual([{ id: "profile.edit", label: "Modifier mon profil", style: "primary" }]);
  });

  it("the edit form is pre-filled and offers the network's organisations and territories", async () => {
    const [reply] = await bot.send("demo-adviser", action("profile.edit"));
    const fields = Object.fromEntries(reply!.form!.fields.map((f) => [f.name, f]));
    expect(reply!.form!.id).toBe("profile");
    expect(fields.displayName!.value).toBe("Julien Carrère");
    expect(fields.quietStart!.value).toBe("20:00");
    expect(fields.organisationId!.options!.length).toBeGreaterThan(10);
    expect(fields.territoryId!.options!.map((o) => o.label)).toContain("Tarn-et-Garonne");
    expect((await bot.send("demo-adviser", "profil modifier"))[0]!.form!.id).toBe("profile");
  });

  it("a valid form is saved and the new profile shown", async () => {
    const organisation = await bot.db.prisma.organisation.findFirstOrThrow({
      where: { networkId: bot.networkId, kind: "LIBRARY" },
    });
    const text = await bot.text("demo-adviser", form("profile", { ...valid, organisationId: organisation.id }));
    expect(text).toContain("Votre profil est enregistré.");
    expect(text).toContain("Profil de Julien C.");
    expect(text).toContain("Heures calmes : de 21:30 à 07:00");
    const member = await bot.db.prisma.member.findFirstOrThrow({ where: { displayName: "Julien C." } });
    expect(member).toMatchObject({ quietStartMin: 21 * 60 + 30, quietEndMin: 7 * 60, organisationId: organisation.id });
  });

  it("wrong fields are each named, in the member's language, and nothing is saved", async () => {
    const text = await bot.text("demo-intern", form("profile", { ...valid, displayName: "X", quietEnd: "25:00" }));
    expect(text).toBe(
      "Nothing was saved:\n• the display name must be 2 to 80 characters long;\n• quiet hours are written like 20:00 or 8h00;",
    );
    const intern = await bot.db.prisma.member.findFirstOrThrow({ where: { roles: { has: "INTERN" } } });
    expect(intern.displayName).not.toBe("X");
  });

  it("an organisation of another network is refused", async () => {
    const other = await bot.db.prisma.network.create({
      data: {
        slug: "charente-maritime",
        name: "Réseau 17",
        organisations: { create: { name: "Médiathèque de Rochefort", kind: "LIBRARY" } },
      },
      include: { organisations: true },
    });
    const text = await bot.text("demo-cls", form("profile", { ...valid, organisationId: other.organisations[0]!.id }));
    expect(text).toContain("Cette structure ne fait pas partie du réseau");
  });
});
