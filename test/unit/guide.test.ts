import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCallbackCodec } from "../../src/channels/telegram/callback-data.ts";
import { MESSAGE_MAX_CHARS, renderReply } from "../../src/channels/telegram/render.ts";
import { pressId } from "../../src/core/actions.ts";
import { LOCALES } from "../../src/core/i18n.ts";
import type { Reply, TextEntity } from "../../src/core/reply.ts";
import { GUIDE } from "../../src/features/guide/actions.ts";
import { loadGuide, SHIPPED_LOCALES_DIR } from "../../src/features/guide/load.ts";
import { parseSection } from "../../src/features/guide/markdown.ts";
import {
  GUIDE_PAGE_MAX_CHARS,
  type GuidePage,
  LONG_SECTION_CHARS,
  paginate,
  paginateRich,
} from "../../src/features/guide/paginate.ts";
import { expectSpecRefusals } from "../fakes/specs/refusals.ts";
import { FakeTelegram } from "../fakes/telegram/server.ts";
import { action, choiceIds, createTestBot, silentLog, type TestBot } from "../support/bot.ts";

const shipped = loadGuide(SHIPPED_LOCALES_DIR);
const words = (page: GuidePage, e: TextEntity) => page.text.slice(e.offset, e.offset + e.length);

/** Entities Telegram accepts and shows as meant: within the page, not empty, in order, one kind never overlapping itself. */
function expectValidEntities(page: GuidePage, where: string): void {
  let previous: TextEntity | undefined;
  const ends: Record<string, number> = { bold: 0, italic: 0 };
  for (const e of page.entities) {
    expect(["bold", "italic"], where).toContain(e.kind);
    expect(Number.isInteger(e.offset) && Number.isInteger(e.length), where).toBe(true);
    expect(e.offset, where).toBeGreaterThanOrEqual(0);
    expect(e.length, where).toBeGreaterThan(0);
    expect(e.offset + e.length, where).toBeLessThanOrEqual(page.text.length);
    expect(words(page, e).trim(), where).toBe(words(page, e));
    if (previous) expect(e.offset, where).toBeGreaterThanOrEqual(previous.offset);
    expect(e.offset, `${where}: ${e.kind} overlaps another`).toBeGreaterThanOrEqual(ends[e.kind]!);
    ends[e.kind] = e.offset + e.length;
    previous = e;
  }
}

describe("the shipped welcome guide", () => {
  it("has the same sections in French and English, housing first and the welcome evening among them", () => {
    const ids = shipped.fr.map((s) => s.id);
    expect(shipped.en.map((s) => s.id)).toEqual(ids);
    expect(ids[0]).toBe("housing");
    expect(ids).toEqual(
      expect.arrayContaining(["family", "getting-around", "leisure", "health", "welcome-evening", "mission-accueil"]),
    );
  });

  it("tells interns about the three maisons des internes and the shortage around Montauban", () => {
    const housing = shipped.fr
      .find((s) => s.id === "housing")!
      .pages.map((p) => p.text)
      .join("\n");
    expect(housing).toContain("Caussade : 6 places");
    expect(housing).toContain("Saint-Nicolas-de-la-Grave : 4 places");
    expect(housing).toContain(
      "Valence d'Agen : 3 places, réservées aux étudiants en stage à la maison de santé pluriprofessionnelle",
    );
    expect(housing).toContain("Autour de Montauban");
  });

  const codec = createCallbackCodec("123456:test-token");
  for (const locale of LOCALES) {
    it(`renders every ${locale} page as one Telegram message of plain text, with buttons Telegram accepts`, () => {
      for (const section of shipped[locale]) {
        section.pages.forEach(({ text, entities }, i) => {
          expect(text.length, `${section.id} page ${i + 1}`).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
          expect(text.startsWith(section.title), section.id).toBe(true);
          // No Markdown left over: the adapter sends plain text, so markers would show as typed.
          expect(text, section.id).not.toMatch(/\*\*|__|\]\(|^#|^\s*[-*+] /m);
          const reply: Reply = {
            text,
            entities,
            visibility: "private",
            choices: [
              { id: pressId(GUIDE.page, section.id, i), label: section.title },
              { id: pressId(GUIDE.ask), label: "?" },
            ],
          };
          const messages = renderReply(reply, codec, silentLog);
          expect(messages).toHaveLength(1);
          const [message] = messages;
          if (message?.kind !== "text") throw new Error("expected a text message");
          expect(message.text).toBe(text);
          expect(message.entities ?? [], section.id).toEqual(
            entities.map((e) => ({ type: e.kind, offset: e.offset, length: e.length })),
          );
          for (const button of message.keyboard!.flat()) {
            const data = "callback_data" in button ? button.callback_data : "";
            expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
            expect(codec.decode(data)).toMatch(/^guide\./);
          }
        });
      }
    });
  }

  for (const locale of LOCALES) {
    it(`gives every ${locale} page valid entities, its title and subheadings in bold`, () => {
      for (const section of shipped[locale]) {
        section.pages.forEach((page, i) => {
          const where = `${section.id} page ${i + 1}`;
          expectValidEntities(page, where);
          const title = page.text.split("\n")[0]!;
          expect(page.entities[0], where).toEqual({ kind: "bold", offset: 0, length: title.length });
          const subheadings = [...page.text.matchAll(/^▸ .*$/gm)];
          for (const m of subheadings)
            expect(page.entities, `${where}: ${m[0]}`).toContainEqual({
              kind: "bold",
              offset: m.index,
              length: m[0].length,
            });
        });
      }
      // The Markdown's own emphasis comes through too.
      const all = shipped[locale].flatMap((s) =>
        s.pages.flatMap((p) => p.entities.map((e) => `${e.kind}:${words(p, e)}`)),
      );
      expect(all).toEqual(
        expect.arrayContaining([expect.stringMatching(/^bold:Caussade$/), expect.stringMatching(/^italic:/)]),
      );
    });
  }

  it("keeps links readable: the address follows the words", () => {
    const health = shipped.en
      .find((s) => s.id === "health")!
      .pages.map((p) => p.text)
      .join("\n");
    expect(health).toContain("3608");
    expect(health).toContain("https://www.occitanie.paps.sante.fr/");
  });
});

describe("pages of a long section", () => {
  const paragraph = (n: number) => `Paragraph ${n}: ${"lorem ipsum dolor sit amet ".repeat(12).trim()}.`;

  it("splits a section over 4096 characters between paragraphs, numbering the pages", () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => paragraph(i + 1));
    const pages = paginate(
      "Long",
      paragraphs.map((text) => ({ kind: "text", text })),
    );
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
    expect(
      paginate(
        "Title",
        blocks.map((b) => ({ ...b, text: b.text.slice(0, 40) })),
      ),
    ).toHaveLength(1);
  });

  it("keeps bold and italic as entities beside the plain text, clipped to each page when a cut goes through them", () => {
    const { title, blocks } = parseSection(
      "# T\n\nSome **bold words** and *a few italic ones*, then **bold with *both***.\n\n## Sub *part*\n\n- **Item** : text",
    );
    const [page] = paginateRich(title!, blocks);
    expect(page!.text).toBe(
      "T\n\nSome bold words and a few italic ones, then bold with both.\n\n▸ Sub part\n\n• Item : text",
    );
    expect(page!.entities.map((e) => `${e.kind}:${words(page!, e)}`)).toEqual([
      "bold:T",
      "bold:bold words",
      "italic:a few italic ones",
      "bold:bold with both",
      "italic:both",
      "bold:▸ Sub part",
      "italic:part",
      "bold:Item",
    ]);
    expectValidEntities(page!, "small");
    // One bold paragraph longer than a page: each page holds its own share of the bold, within its text.
    const huge = "word ".repeat(2000).trim();
    const pages = paginateRich("Huge", [
      { kind: "text", text: huge, entities: [{ kind: "bold", offset: 0, length: huge.length }] },
    ]);
    expect(pages.length).toBe(3);
    for (const [i, p] of pages.entries()) {
      expectValidEntities(p, `page ${i + 1}`);
      const body = p.text.indexOf("\n\n") + 2;
      expect(p.entities).toEqual([p.entities[0], { kind: "bold", offset: body, length: p.text.length - body }]);
    }
  });

  it("shifts and clips entities when the Telegram adapter splits an over-long reply", () => {
    const text = `${"a".repeat(4000)} ${"b".repeat(200)}`;
    const reply: Reply = {
      text,
      entities: [
        { kind: "bold", offset: 3990, length: 20 },
        { kind: "italic", offset: 4100, length: 5 },
      ],
      visibility: "private",
    };
    const messages = renderReply(reply, createCallbackCodec("123456:test-token"), silentLog);
    expect(messages.map((m) => (m.kind === "text" ? [m.text.length, m.entities] : []))).toEqual([
      [4000, [{ type: "bold", offset: 3990, length: 10 }]],
      [
        200,
        [
          { type: "bold", offset: 0, length: 9 },
          { type: "italic", offset: 99, length: 5 },
        ],
      ],
    ]);
  });

  it("cuts a single paragraph longer than a page between words", () => {
    const huge = "word ".repeat(2000).trim();
    const pages = paginate("Huge", [{ kind: "text", text: huge }]);
    expect(pages.length).toBe(3);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(GUIDE_PAGE_MAX_CHARS);
    expect(pages.map((p) => p.split("\n\n")[1]).join(" ")).toBe(huge);
  });
});

describe("the fake Telegram checks entities as Telegram does", () => {
  it("keeps valid entities on the message and refuses the others with 400 can't parse entities", async () => {
    expectSpecRefusals();
    const roomy = { limit: 100, windowMs: 1000 };
    const fake = await new FakeTelegram("1:t", { global: roomy, privateChat: roomy, group: [roomy] }).listen();
    try {
      const chat = fake.openPrivateChat({ id: 42, is_bot: false, first_name: "Léa" });
      const send = async (entities: unknown) => {
        const res = await fetch(`${fake.apiRoot}/bot1:t/sendMessage`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id: chat.id, text: "Se loger 🏠 ici", entities }),
        });
        return { status: res.status, body: (await res.json()) as { description?: string } };
      };
      // "Se loger 🏠 ici" is 15 UTF-16 units: the emoji counts two.
      const ok = await send([
        { type: "bold", offset: 0, length: 8 },
        { type: "italic", offset: 12, length: 3 },
      ]);
      expect(ok.status).toBe(200);
      expect(fake.sentMessages(42).at(-1)!.entities).toEqual([
        { type: "bold", offset: 0, length: 8 },
        { type: "italic", offset: 12, length: 3 },
      ]);
      for (const bad of [
        [{ type: "bold", offset: 12, length: 4 }],
        [{ type: "bold", offset: 0, length: 0 }],
        [{ type: "bold", offset: -1, length: 2 }],
        [{ type: "bold", offset: 0.5, length: 2 }],
        [{ type: "shiny", offset: 0, length: 2 }],
        "bold",
      ]) {
        const refused = await send(bad);
        expect(refused, JSON.stringify(bad)).toEqual({
          status: 400,
          body: expect.objectContaining({ description: "Bad Request: can't parse entities" }),
        });
      }
      expect(fake.sentMessages(42)).toHaveLength(1);
    } finally {
      await fake.close();
    }
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
    expect(loadGuide(dir).en).toEqual([
      {
        id: "housing",
        title: "Housing",
        pages: [{ text: "Housing\n\nText.", entities: [{ kind: "bold", offset: 0, length: 7 }] }],
      },
    ]);
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
    expect(first!.choices!.map((c) => c.label)).toEqual([
      "Suite ▶",
      "◀ Sommaire",
      "Poser une question à la mission accueil",
    ]);
    const next = first!.choices!.find((c) => c.label === "Suite ▶")!;
    const [second] = await bot.send("demo-coordinator", action(next.id));
    expect(second!.text).toMatch(/^Se loger \(2\/3\)\n\n▸ Demander une place/);
    expect(second!.choices!.map((c) => c.label)).toEqual([
      "◀ Précédent",
      "Suite ▶",
      "◀ Sommaire",
      "Poser une question à la mission accueil",
    ]);
    const [third] = await bot.send("demo-coordinator", action(choiceIds([second!])[1]!));
    expect(third!.text).toContain("Autour de Montauban");
    expect(third!.choices!.map((c) => c.label)).not.toContain("Suite ▶");
    const [back] = await bot.send(
      "demo-coordinator",
      action(third!.choices!.find((c) => c.label === "◀ Sommaire")!.id),
    );
    expect(back!.choices!.map((c) => c.label)).toEqual(shipped.fr.map((s) => s.title));
  });

  it("answers the question button with the form to write to the mission accueil", async () => {
    const replies = await bot.send("demo-intern", action(pressId(GUIDE.ask)));
    expect(replies[0]!.form).toMatchObject({ id: "wdask", title: "Question to the mission accueil" });
  });

  it("shows the current contents for a button from a guide edited since", async () => {
    const [reply] = await bot.send("demo-intern", action("guide:s:old-section:4"));
    expect(reply!.text).toContain("The guide has been updated since this button was shown");
    expect(reply!.choices!.map((c) => c.label)).toEqual(shipped.en.map((s) => s.title));
  });
});
