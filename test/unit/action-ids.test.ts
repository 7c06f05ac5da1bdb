import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCallbackCodec } from "../../src/channels/telegram/callback-data.ts";
import { type ActionParams, pressId, type Verb } from "../../src/core/actions.ts";
import { ACTION_ID_MAX, actionId } from "../../src/core/reply-limits.ts";

// Features and the services they use (src/services/form-steps builds the one-question-at-a-time buttons).
const SOURCES = ["features", "services"].map((folder) => join(import.meta.dirname, "../../src", folder));
const FEATURES = join(import.meta.dirname, "../../src/features");
const UUID = "3f2b8c1e-9d4a-4e7b-b6c5-0a1d2e3f4a5b";
// The longest value each kind of argument takes; anything else is an id (a UUID, 36 characters).
const SAMPLES: [RegExp, string][] = [
  // Draft tokens are 4 random bytes in hex (services/drafts/store.ts); a picker's target is one, or "-".
  [/token|target/, "a1b2c3d4"],
  [/\biso\b|day/i, "2026-12-31"],
  [/value/i, "99999.99"],
  [/current|page|\bat\b|\bi\b|\bj\b|length|axis|minutes|count|\+ 1|- 1/, "999"],
  // Enumerations: the longest member (activity kinds, mute categories) or a year.
  [/\bkind\b|\bc\b|category|year/, "COLLECTIVE"],
];

/** The longest value a verb's parameter takes: a UUID, the longest word of an enumeration, the largest number, a bounded word at its bound. */
function longest(schema: z.ZodType): string {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  if (def.type === "optional") return longest(def.innerType!);
  if (def.type === "literal") return String((def as unknown as { values: unknown[] }).values[0]);
  if (def.type === "union")
    return (def as unknown as { options: z.ZodType[] }).options.map(longest).sort((a, b) => b.length - a.length)[0]!;
  if (def.type === "enum")
    return [...(schema as z.ZodEnum).options].map(String).sort((a, b) => b.length - a.length)[0]!;
  if (def.type === "number") return String((schema as z.ZodNumber).maxValue);
  if (def.type === "string" && schema.safeParse(UUID).success) return UUID;
  // A bounded word (a guide section's name, a draft's token, a day, a value): the longest sample its schema takes.
  const max = def.type === "string" ? (schema as z.ZodString).maxLength : null;
  if (max !== null && max <= 100) {
    const fitting = ["a".repeat(max), "9".repeat(max), "2026-12-31", "-999999999.99"].filter(
      (sample) => schema.safeParse(sample).success,
    );
    if (fitting.length > 0) return fitting.sort((a, b) => b.length - a.length)[0]!;
  }
  throw new Error(`no sample for a ${def.type} parameter: add one here`);
}

/** Every verb the features declare (the `actions.ts` beside their feature), pressed with its longest parameters. */
async function longestVerbIds(): Promise<{ verb: string; id: string }[]> {
  const files = readdirSync(FEATURES, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("actions.ts"));
  const modules = await Promise.all(files.map((f) => import(join(FEATURES, f)) as Promise<Record<string, unknown>>));
  const verbs = modules
    .flatMap((m) => Object.values(m).flatMap((group) => Object.values(group as Record<string, Verb>)))
    .filter((v): v is Verb => typeof v?.id === "string" && "params" in v);
  return verbs.map((verb) => {
    const items = (verb.params as unknown as z.ZodTuple).def.items as z.ZodType[];
    return { verb: verb.id, id: pressId(verb, ...(items.map(longest) as unknown as ActionParams)) };
  });
}

/** Every choice id a feature builds by hand (`id: \`evt:r:${event.id}\``), with long realistic arguments. */
function builtIds(): { file: string; template: string; id: string }[] {
  const files = SOURCES.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(folder, f)),
  );
  return files.flatMap((file) => {
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/\bid: `([a-z]+:[^`]*)`/g)].map((m) => {
      const template = m[1]!;
      const id = template.replace(
        /\$\{([^}]*)\}/g,
        (_, expr: string) => SAMPLES.find(([re]) => re.test(expr))?.[1] ?? UUID,
      );
      return { file, template, id };
    });
  });
}

describe("choice ids every platform carries back", () => {
  const ids = builtIds();

  it("finds the ids the features build", () => {
    // Most features build their ids with pressId now (the verbs' test below); these are the ones still built by hand.
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.map((i) => i.template)).toContain("form:pick:${at}:${i}");
  });

  it("every id fits Discord's custom_id (100 characters) and Slack's action_id (255)", () => {
    const tooLong = ids
      .filter((i) => i.id.length > ACTION_ID_MAX)
      .map((i) => `${i.file}: ${i.template} (${i.id.length})`);
    expect(tooLong).toEqual([]);
  });

  it("every id fits Telegram's 64-byte callback_data after signing, without the in-memory fallback a restart forgets", () => {
    const codec = createCallbackCodec("123456:TEST-TOKEN");
    const unsigned = ids.filter(({ id }) => {
      const data = codec.encode(id);
      return Buffer.byteLength(data) > 64 || data.slice(11).startsWith("#") || codec.decode(data) !== id;
    });
    expect(unsigned.map((i) => `${i.file}: ${i.template} → ${i.id}`)).toEqual([]);
  });

  it("every verb's longest id fits Discord, Slack, and Telegram's callback_data after signing, without the in-memory fallback", async () => {
    const verbs = await longestVerbIds();
    expect(verbs.map((v) => v.verb)).toContain("evt.register");
    expect(verbs.map((v) => v.verb)).toContain("mdn.approve");
    const codec = createCallbackCodec("123456:TEST-TOKEN");
    const misfits = verbs.filter(({ id }) => {
      const data = codec.encode(id);
      return (
        id.length > ACTION_ID_MAX ||
        Buffer.byteLength(data) > 64 ||
        data.slice(11).startsWith("#") ||
        codec.decode(data) !== id
      );
    });
    expect(misfits).toEqual([]);
  });

  it("an id over 100 characters fails where it is built instead of being dropped by Discord", () => {
    expect(actionId("evt", "r", UUID)).toBe(`evt:r:${UUID}`);
    expect(() => actionId("prg", "i", UUID, UUID, UUID)).toThrow(/choice id of 116 characters/);
  });
});
