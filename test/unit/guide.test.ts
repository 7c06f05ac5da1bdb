import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCallbackCodec } from "../../src/channels/telegram/callback-data.ts";
import { MESSAGE_MAX_CHARS, renderReply } from "../../src/channels/telegram/render.ts";
import { LOCALES } from "../../src/core/i18n.ts";
import type { Reply } from "../../src/core/reply.ts";
import { GUIDE_ASK_ACTION } from "../../src/features/guide/feature.ts";
import { loadGuide, SHIPPED_LOCALES_DIR } from "../../src/features/guide/load.ts";
import { GUIDE_PAGE_MAX_CHARS, LONG_SECTION_CHARS, paginate } from "../../src/features/guide/paginate.ts";
import { action, choiceIds, createTestBot, silentLog, type TestBot } from "../support/bot.ts";

const shipped = loadGuide(SHIPPED_LOCALES_DIR);

describe("the shipped welcome guide", () => {
  it("has the same sections in French and English, housing first and the welcome evening among them", () => {
    const ids = shipped.fr.map((s) => s.id);
    expect(shipped.en.map((s) => s.id)).toEqual(ids);
    expect(ids[0]).toBe("housing");
    expect(ids).toEqual(expect.arrayContaining(["family", "getting-around", "leisure", "health", "welcome-evening", "mission-accueil"]));
  });

  it("tells interns about the three maisons des internes and the shortage around Montauban", () => {
    const housing = shipped.fr.find((s) => s.id === "housing")!.pages.join("\n");
    expect(housing).toContain("Caussade : 6 places");
    expect(housing).toContain("Saint-Nicolas-de-la-Grave : 4 places");
    expect(housing).toContain("Valence d'Agen : 3 places, réservées aux étudiants en stage à la maison de santé pluriprofessionnelle");
    expect(housing).toContain("Autour de Montauban");
  });

  const codec = createCallbackCodec("123456:test-token");
  for (const locale of LOCALES) {
    it(`renders every ${locale} page as one Telegram message of plain text, with buttons Telegram accepts`, () => {
      for (const section of shipped[locale]) {
        section.pages.forEach((text, i) => {
          expect(text.length, `${section.id} page ${i + 1}`).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
          expect(text.startsWith(section.title), section.id).toBe(true);
          // No Markdown left over: the adapter sends plain text, so markers would show as typed.
          expect(text, section.id).not.toMatch(/\*\*|__|\]\(|^#|^\s*[-*+] /m);
          const reply: Reply = { text, visibility: "private", choices: [{ id: `guide:s:${section.id}:${i}`, label: section.title }, { id: GUIDE_ASK_ACTION, label: "?" }] };
          const messages = renderReply(reply, codec, silentLog);
          expect(messages).toHaveLength(1);
          const [message] = messages;
          if (message?.kind !== "text") throw new Error("expected a text message");
          expect(message.text).toBe(text);
          for (const button of message.keyboard!.flat()) {
            const data = "callback_data" in button ? button.callback_data : "";
            expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
            expect(codec.decode(data)).toMatch(/^guide:/);
          }
        });
      }
    });
  }

  it("keeps links readable: the address follows the words", () => {
    const health = shipped.en.find((s) => s.id === "health")!.pages.join("\n");
    expect(health).toContain("3608");
    expect(health).toContain("https://www.occitanie.paps.sante.fr/");
  });
});

describe("pages of a long section", () => {
  const paragraph = (n: number) => `Paragraph ${n}: ${"lorem ipsum dolor sit amet ".repeat(12).trim()}.`;

  it("splits a section over 4096 characters between paragraphs, numbering the pages", () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => paragraph(i + 1));
    const pages = paginate("Long", paragraphs.map((text) => ({ kind: "text", text })));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page.length).toBeLessThanOrEqual(GUIDE_PAGE_MAX_CHARS);
      expect(page.startsWith(`Long (${i + 1}/${pages.length})\n\n`)).toBe(true);
    });
    // Every paragraph is whole on one page, in order.
    const read = pages.flatMap((p) => p.split("\n\n").slice(1));
    expect(read).toEqual(paragraphs);
  });

  it("makes each ## subsection a page of its own when the section is long", () => {
    const half = (n: number) => `${n}: ${"x".repeat(LONG_SECTION_CHARS / 2)}`;
    const blocks = [
      { kind: "text" as const, text: "Intro." },
      { kind: "subheading" as const, text: "▸ A" },
      { kind: "text" as const, text: half(1) },
      { kind: "text" as const, text: half(2) },
      { kind: "subheading" as const, text: "▸ B" },
      { kind: "text" as const, text: half(3) },
      { kind: "subheading" as const, text: "▸ C" },
      { kind: "text" as const, text: half(4) },
    ];
    const pages = paginate("Title", blocks);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain("Intro.\n\n▸ A");
    expect(pages[1]).toMatch(/^Title \(2\/3\)\n\n▸ B/);
    // A short section stays on one page, subsections and all.
    expect(paginate("Title", blocks.map((b) => ({ ...b, text: b.text.slice(0, 40) })))).toHaveLength(1);
  });

  it("cuts a single paragraph longer than a page between words", () => {
    const huge = "word ".repeat(2000).trim();
    const pages = paginate("Huge", [{ kind: "text", text: huge }]);
    expect(pages.length).toBe(3);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(GUIDE_PAGE_MAX_CHARS);
    expect(pages.map((p) => p.split("\n\n")[1]).join(" ")).toBe(huge);
  });
});

describe("a broken guide is refused with the file's name", () => {
  let dir: string;
  const write = (locale: string, name: string, text: string) => {
    mkdirSync(join(dir, locale, "guide"), { recursive: true });
    writeFileSync(join(dir, locale, "guide", name), text);
  };
  const valid = () => {
    write("fr", "01-housing.md", "# Se loger\n\nTexte.");
    write("en", "01-housing.md", "# Housing\n\nText.");
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = () => {
    dir = mkdtempSync(join(tmpdir(), "guide-"));
  };

  it("loads a small valid guide", () => {
    fresh();
    valid();
    expect(loadGuide(dir).en).toEqual([{ id: "housing", title: "Housing", pages: ["Housing\n\nText."] }]);
  });

  it("refuses a French section without its English counterpart", () => {
    fresh();
    valid();
    write("fr", "02-family.md", "# Vie de famille\n\nTexte.");
    expect(() => loadGuide(dir)).toThrow(join(dir, "en", "guide", "02-family.md") + " is missing");
  });

  it("refuses an English section that has no French one", () => {
    fresh();
    valid();
    write("en", "02-leisure.md", "# Leisure\n\nText.");
    expect(() => loadGuide(dir)).toThrow(`${join(dir, "en", "guide", "02-leisure.md")} has no fr counterpart`);
  });

  it("refuses an empty section, and one with only subheadings", () => {
    fresh();
    valid();
    write("fr", "02-family.md", "# Vie de famille\n\n");
    write("en", "02-family.md", "# Family life\n\nText.");
    expect(() => loadGuide(dir)).toThrow(`${join(dir, "fr", "guide", "02-family.md")} is empty`);
    write("fr", "02-family.md", "# Vie de famille\n\n## Garde d'enfants\n");
    expect(() => loadGuide(dir)).toThrow(`${join(dir, "fr", "guide", "02-family.md")} is empty`);
  });

  it("refuses a section without a title, and a badly named file", () => {
    fresh();
    valid();
    write("en", "01-housing.md", "Text without a title.");
    expect(() => loadGuide(dir)).toThrow(`${join(dir, "en", "guide", "01-housing.md")} has no title`);
    valid();
    write("fr", "Logement.md", "# Logement\n\nTexte.");
    expect(() => loadGuide(dir)).toThrow(`${join(dir, "fr", "guide", "Logement.md")} is not named like`);
  });
});

describe("browsing the guide in the chat", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  it("lists the sections as buttons, in the member's language", async () => {
    const [fr] = await bot.send("demo-coordinator", "guide");
    expect(fr!.text).toContain("Guide d’accueil des internes");
    expect(fr!.choices!.map((c) => c.label)).toEqual(shipped.fr.map((s) => s.title));
    const [en] = await bot.send("demo-intern", "guide");
    expect(en!.choices!.map((c) => c.label)).toEqual(shipped.en.map((s) => s.title));
  });

  it("opens a section, goes to its next page and back to the contents", async () => {
    const [contents] = await bot.send("demo-coordinator", "livret");
    const housing = contents!.choices!.find((c) => c.label === "Se loger")!;
    const [first] = await bot.send("demo-coordinator", action(housing.id));
    expect(first!.text).toMatch(/^Se loger \(1\/3\)/);
    expect(first!.text).toContain("Caussade");
    expect(first!.choices!.map((c) => c.label)).toEqual(["Suite ▶", "◀ Sommaire", "Poser une question à la mission accueil"]);
    const next = first!.choices!.find((c) => c.label === "Suite ▶")!;
    const [second] = await bot.send("demo-coordinator", action(next.id));
    expect(second!.text).toMatch(/^Se loger \(2\/3\)\n\n▸ Demander une place/);
    expect(second!.choices!.map((c) => c.label)).toEqual(["◀ Précédent", "Suite ▶", "◀ Sommaire", "Poser une question à la mission accueil"]);
    const [third] = await bot.send("demo-coordinator", action(choiceIds([second!])[1]!));
    expect(third!.text).toContain("Autour de Montauban");
    expect(third!.choices!.map((c) => c.label)).not.toContain("Suite ▶");
    const [back] = await bot.send("demo-coordinator", action(third!.choices!.find((c) => c.label === "◀ Sommaire")!.id));
    expect(back!.choices!.map((c) => c.label)).toEqual(shipped.fr.map((s) => s.title));
  });

  it("answers the question button with the form to write to the mission accueil", async () => {
    const replies = await bot.send("demo-intern", action(GUIDE_ASK_ACTION));
    expect(replies[0]!.form).toMatchObject({ id: "wdask", title: "Question to the mission accueil" });
  });

  it("shows the current contents for a button from a guide edited since", async () => {
    const [reply] = await bot.send("demo-intern", action("guide:s:old-section:4"));
    expect(reply!.text).toContain("The guide has been updated since this button was shown");
    expect(reply!.choices!.map((c) => c.label)).toEqual(shipped.en.map((s) => s.title));
  });
});
