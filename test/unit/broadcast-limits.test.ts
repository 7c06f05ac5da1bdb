import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGE_MAX_CHARS } from "../../src/channels/telegram/render.ts";
import { PLATFORMS } from "../../src/core/inbound.ts";
import { MESSAGE_TEXT_LIMITS } from "../../src/delivery/limits.ts";

const CHANNELS = join(import.meta.dirname, "../../src/channels");

/** A numeric constant an adapter keeps to itself (`const CONTENT_MAX = 2000;`). */
async function privateConstant(file: string, name: string): Promise<number> {
  const source = await readFile(join(CHANNELS, file), "utf8");
  const match = new RegExp(`const ${name} = ([\\d_]+);`).exec(source);
  if (!match) throw new Error(`${name} not found in ${file}`);
  return Number(match[1]!.replaceAll("_", ""));
}

describe("message size limits", () => {
  it("name every platform", () => {
    expect(Object.keys(MESSAGE_TEXT_LIMITS).sort()).toEqual([...PLATFORMS].sort());
  });

  it("agree with the adapters' own limits", async () => {
    expect(MESSAGE_TEXT_LIMITS.telegram).toBe(MESSAGE_MAX_CHARS);
    expect(MESSAGE_TEXT_LIMITS.discord).toBe(await privateConstant("discord/render.ts", "CONTENT_MAX"));
    expect(MESSAGE_TEXT_LIMITS.slack).toBe(await privateConstant("slack/render.ts", "SECTION_CHARS"));
  });

  it("let the local chat show what its API accepts", async () => {
    const schema = await readFile(join(CHANNELS, "local/schema.ts"), "utf8");
    expect(schema).toContain(`z.string().max(${MESSAGE_TEXT_LIMITS.local})`);
  });
});
