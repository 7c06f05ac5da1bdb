import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
const db = () => bot.db.prisma;

describe("the privacy notice", () => {
  it("a newcomer reads the notice once, before the first onboarding question, on any channel", async () => {
    await db().channelBinding.create({ data: { networkId: bot.networkId, platform: "slack", scopeId: "T-NOTICE" } });
    for (const platform of ["local", "slack"] as const) {
      const speaker = {
        platform,
        user: `newcomer-${platform}`,
        scope: platform === "slack" ? "T-NOTICE" : "tarn-et-garonne",
      };
      const first = await bot.send(speaker, "bonjour");
      const text = first.map((r) => r.text).join("\n");
      expect(text).toContain("Responsable du traitement : Réseau des partenaires du Tarn-et-Garonne");
      expect(text).toContain("« mes données »");
      expect(text).toContain("30 jours");
      const again = await bot.send(speaker, "bonjour");
      expect(again.map((r) => r.text).join("\n")).not.toContain("Responsable du traitement");
    }
  });

  it("the network's controller, DPO contact and link replace the defaults; « confidentialité » shows it again", async () => {
    await db().network.update({
      where: { id: bot.networkId },
      data: {
        privacyController: "Département de Tarn-et-Garonne",
        privacyDpoContact: "dpo@ledepartement82.fr",
        privacyNoticeUrl: "https://example.org/confidentialite",
        retentionDays: { unfinishedOnboarding: 15 },
      },
    });
    const text = await bot.text("demo-adviser", "confidentialité");
    expect(text).toContain("Responsable du traitement : Département de Tarn-et-Garonne");
    expect(text).toContain("dpo@ledepartement82.fr");
    expect(text).toContain("https://example.org/confidentialite");
    expect(text).toContain("15 jours");
  });

  it("an English speaker reads it in English with “privacy”; a network may replace the whole text", async () => {
    const english = await bot
      .text({ user: "demo-partner" }, "langue en")
      .then(() => bot.text("demo-partner", "privacy"));
    expect(english).toContain("Controller: Département de Tarn-et-Garonne");
    await db().network.update({
      where: { id: bot.networkId },
      data: { privacyNotice: "Notice du réseau — responsable : {controller}." },
    });
    expect(await bot.text("demo-partner", "privacy")).toBe(
      "Notice du réseau — responsable : Département de Tarn-et-Garonne.",
    );
  });

  it("« démarrer » shows it with the first question, and the next answers do not repeat it", async () => {
    await db().network.update({ where: { id: bot.networkId }, data: { privacyNotice: null } });
    expect(await bot.text("starter", "démarrer")).toContain("Responsable du traitement");
    const answered = await bot.send("starter", action("onb:language:fr"));
    expect(answered.map((r) => r.text).join("\n")).not.toContain("Responsable du traitement");
  });
});
