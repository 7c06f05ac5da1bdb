import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { allCatalogues, catalogueKeys, createTranslator, flatten, LOCALES } from "../../src/core/i18n.ts";

const SRC = join(import.meta.dirname, "../../src");

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

describe("translations", () => {
  it("every locale file is listed in locales/namespaces.ts, so its sentences reach the catalogue", async () => {
    for (const locale of LOCALES) {
      const dir = join(import.meta.dirname, "../../locales", locale);
      const files = (await readdir(dir)).filter((name) => name.endsWith(".json"));
      expect(files.length, locale).toBeGreaterThan(10);
      const keys = catalogueKeys(locale);
      for (const file of files) {
        const missing = [...flatten(JSON.parse(await readFile(join(dir, file), "utf8"))).keys()].filter(
          (k) => !keys.has(k),
        );
        expect(missing, `${locale}/${file}`).toEqual([]);
      }
    }
  });

  it("French and English have exactly the same keys", () => {
    const fr = [...catalogueKeys("fr")].sort();
    const en = [...catalogueKeys("en")].sort();
    expect(
      en.filter((k) => !fr.includes(k)),
      "keys only in English",
    ).toEqual([]);
    expect(
      fr.filter((k) => !en.includes(k)),
      "keys only in French",
    ).toEqual([]);
  });

  it("every message is valid ICU in its locale and uses the same placeholders in both languages", () => {
    // The variables a message uses, read from its ICU syntax tree (plural and select branches included).
    type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };
    const variables = (nodes: Node[], into: Set<string>): Set<string> => {
      for (const node of nodes) {
        if (node.type !== 0 && node.type !== 7 && typeof node.value === "string") into.add(node.value);
        for (const option of Object.values(node.options ?? {})) variables(option.value, into);
        if (node.children) variables(node.children, into);
      }
      return into;
    };
    const placeholders = (text: string) =>
      [
        ...variables(new IntlMessageFormat(text, "fr", undefined, { ignoreTag: true }).getAst() as Node[], new Set()),
      ].sort();
    const fr = flatten(allCatalogues.fr);
    const en = flatten(allCatalogues.en);
    for (const [key, text] of fr) {
      for (const [locale, source] of [
        ["fr", text],
        ["en", en.get(key)!],
      ] as const) {
        expect(
          () => new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }),
          `${locale}:${key}`,
        ).not.toThrow();
      }
      expect(placeholders(en.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it("every key the code names exists in both languages", async () => {
    const topLevel = Object.keys(allCatalogues.fr);
    // A verb's id ("privacy.delete", src/core/actions.ts) may start like a locale namespace: it is not a key.
    const literal = new RegExp(`(?<!verb\\()["'\`]((?:${topLevel.join("|")})\\.[A-Za-z0-9_.]+)["'\`]`, "g");
    const template = new RegExp(`\`((?:${topLevel.join("|")})\\.[A-Za-z0-9_.]*)\\$\\{`, "g");
    const found: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const code = await readFile(file, "utf8");
      for (const m of code.matchAll(literal)) found.push(m[1]!);
      for (const m of code.matchAll(template)) found.push(`${m[1]}*`);
    }
    expect(found.length).toBeGreaterThan(50);
    for (const locale of LOCALES) {
      const keys = [...catalogueKeys(locale)];
      const missing = found.filter((k) =>
        k.endsWith("*") ? !keys.some((key) => key.startsWith(k.slice(0, -1))) : !keys.includes(k),
      );
      expect(missing, `missing in ${locale}`).toEqual([]);
    }
  });

  it("plurals follow each language's rules", () => {
    expect(createTranslator("fr")("members.header", { count: 1 })).toBe("1 membre :");
    expect(createTranslator("fr")("members.header", { count: 30 })).toBe("30 membres :");
    expect(createTranslator("en")("members.header", { count: 1 })).toBe("1 member:");
  });
});
