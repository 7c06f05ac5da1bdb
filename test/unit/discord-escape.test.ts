import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply } from "../../src/channels/discord/render.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const content = (text: string) =>
  renderReply({ text, visibility: "private" }, silentLog)
    .map((m) => m.content)
    .join("\n");

/**
 * What Discord shows for a message's content, for the Markdown that matters here: an unescaped
 * `[label](url)` becomes a link labelled `label`, `**x**` bold, `# x` a heading; a backslash before
 * a Markdown character shows that character as written.
 */
function shownByDiscord(markdown: string): { text: string; maskedLinks: number; formatted: boolean } {
  const maskedLinks = [...markdown.matchAll(/(?<!\\)\[[^\]]+\]\(https?:\/\/[^)]+\)/g)].length;
  const formatted = /(?<!\\)\*\*|^(?<!\\)#{1,3} |(?<!\\)__|(?<!\\)~~|(?<!\\)\|\|/m.test(markdown);
  return { text: markdown.replace(/\\([\\*_~`|#>[\]().-])/g, "$1"), maskedLinks, formatted };
}

describe("Discord shows what members wrote as they wrote it", () => {
  it("a display name written as a masked link appears as text in the coordinator's member list", async () => {
    const name = "[Avis officiel](https://evil.example/login)";
    await bot.db.prisma.member.create({
      data: {
        networkId: bot.networkId,
        displayName: name,
        roles: ["PARTNER"],
        status: "ACTIVE",
        identities: { create: { networkId: bot.networkId, platform: "discord", externalId: "mallory" } },
      },
    });
    const list = (await bot.send("demo-coordinator", "membres")).map((r) => r.text).join("\n");
    expect(list).toContain(name);
    const shown = shownByDiscord(content(list));
    expect(shown.maskedLinks).toBe(0);
    expect(shown.text).toContain(name);
  });

  it("bold, headings, spoilers, strike-through, quotes and lists typed by a member are not formatting", () => {
    const written =
      "# Urgent\n**Réunion annulée** ||secret|| ~~barré~~ __souligné__\n> citation\n- point\n1. premier\n-# petit";
    const shown = shownByDiscord(content(written));
    expect(shown.formatted).toBe(false);
    expect(content(written)).not.toMatch(/^(#|>|- |1\.|-#)/m);
    expect(shown.text).toBe(written);
  });

  it("web addresses stay clickable, unescaped", () => {
    const text = "Inscriptions : https://www.tarnetgaronne.fr/agenda_2026/forum-sante?x=1 avant le 12/06";
    expect(content(text)).toContain("https://www.tarnetgaronne.fr/agenda_2026/forum-sante?x=1");
  });
});
