import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.ts";
import { createTestBot, inbound, type Speaker, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const code = (text: string) => /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)![1]!;
const privateChat = (user: string): Speaker => ({
  platform: "telegram",
  user,
  scope: "private",
  conversation: "private",
});
const group = (user: string, scope: string): Speaker => ({ platform: "telegram", user, scope, conversation: "group" });

describe("conversations on platforms", () => {
  it("an event the platform delivers twice is answered once", async () => {
    const event = inbound({ platform: "telegram", user: "700", scope: "private" }, "aide");
    expect((await bot.dispatch(event)).length).toBe(1);
    expect(await bot.dispatch(event)).toEqual([]);
    expect(await bot.dispatch({ ...event, platform: "slack" })).not.toEqual([]);
  });

  it("in a private chat no network knows, a link code attaches the account", async () => {
    expect(await bot.text(privateChat("701"), "aide")).toContain("Demandez à votre coordinateur un lien d’invitation");
    const linked = await bot.text(privateChat("701"), `lier ${code(await bot.text("demo-cls", "lier"))}`);
    expect(linked).toMatch(/^C’est fait, .+ : ce compte Telegram est relié à votre profil\.$/);
    expect(await bot.text(privateChat("701"), "profil")).toContain("Comptes reliés : chat local et Telegram");
  });

  it("a deep link carrying a link code attaches the account in one tap", async () => {
    const payload = `link-${code(await bot.text("demo-partner", "lier")).replace("-", "")}`;
    expect(await bot.text(privateChat("702"), `start ${payload}`)).toContain("C’est fait");
    const payload2 = `link-${code(await bot.text("demo-intern", "link")).replace("-", "")}`;
    expect(await bot.text(privateChat("702"), `start ${payload2}`)).toContain("a déjà son propre profil");
  });

  it("a wrong code in an unbound private chat says what to do", async () => {
    expect(await bot.text(privateChat("703"), "lier ZZZZ-ZZZZ")).toContain("Ce code n’existe pas");
  });

  it("with a default network, a newcomer in a private chat is welcomed into it", async () => {
    const single = createBot(bot.db.prisma, silentLog, { defaultNetwork: "tarn-et-garonne" });
    const [reply] = await single(inbound(privateChat("704"), "bonjour"));
    expect(reply!.choices!.map((c) => c.id)).toEqual(["onb.language:fr", "onb.language:en"]);
    const [inGroup] = await single(inbound(group("705", "-900"), "bonjour"));
    expect(inGroup!.text).toContain("n’est rattachée à aucun réseau");
  });

  it("a coordinator attaches a group; newcomers there then belong to the network", async () => {
    await bot.text(privateChat("710"), `lier ${code(await bot.text("demo-coordinator", "lier"))}`);
    expect(await bot.text(privateChat("710"), "rattacher")).toContain("pas en conversation privée");
    const [done] = await bot.send(group("710", "-1001"), "rattacher");
    expect(done).toEqual({
      text: "Cette conversation est maintenant rattachée au Réseau des partenaires du Tarn-et-Garonne. Les nouveaux venus qui écrivent ici pourront se présenter.",
      visibility: "public",
    });
    expect(await bot.text(group("710", "-1001"), "rattacher")).toBe(
      "Cette conversation est déjà rattachée à votre réseau.",
    );
    expect((await bot.send(group("711", "-1001"), "bonjour"))[0]!.choices!.map((c) => c.id)).toContain(
      "onb.language:fr",
    );
  });

  it("a group attached to another network cannot be taken over; advisers cannot attach", async () => {
    const other = await bot.db.prisma.network.create({ data: { slug: "reseau-17", name: "Réseau 17" } });
    await bot.db.prisma.channelBinding.create({
      data: { networkId: other.id, platform: "telegram", scopeId: "-1717" },
    });
    expect(await bot.text(group("710", "-1717"), "rattacher")).toContain("déjà rattachée à un autre réseau");
    expect(await bot.text("demo-adviser", "rattacher")).toContain("réservée aux coordinateurs du réseau");
  });
});
