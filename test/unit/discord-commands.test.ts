import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness, until } from "../fakes/discord/harness.ts";

type Declared = {
  name: string;
  name_localizations?: Record<string, string>;
  description: string;
  description_localizations?: Record<string, string>;
  contexts: number[];
  options: { name: string; name_localizations?: Record<string, string>; required: boolean; type: number }[];
};

const echo = async (): Promise<Reply[]> => [{ text: "ok", visibility: "private" }];
let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("Discord slash commands", () => {
  it("are declared in the guild with French names, English localisations and a `texte` option", async () => {
    harness = await startDiscordHarness(echo);
    const declared = harness.fake.rest.commands.get(harness.fake.guildId) as Declared[];
    expect(declared.map((c) => c.name)).toEqual(
      expect.arrayContaining(["aide", "demarrer", "profil", "lier", "membres"]),
    );
    const start = declared.find((c) => c.name === "demarrer")!;
    expect(start.name_localizations).toEqual({ "en-US": "start", "en-GB": "start" });
    expect(start.description).toBe("vous présenter au réseau (langue, rôle, structure, territoire)");
    expect(start.description_localizations?.["en-US"]).toBe(
      "introduce yourself to the network (language, role, organisation, territory)",
    );
    for (const command of declared) {
      expect(command.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.contexts).toEqual([0]);
      expect(command.options).toEqual([
        expect.objectContaining({
          name: "texte",
          type: 3,
          required: false,
          name_localizations: { "en-US": "text", "en-GB": "text" },
        }),
      ]);
    }
  });

  it("are offered in direct messages by a global declaration limited to the bot's DMs, so a guild never lists them twice", async () => {
    harness = await startDiscordHarness(echo);
    const global = harness.fake.rest.commands.get("global") as Declared[];
    expect(global.map((c) => c.name)).toEqual(
      (harness.fake.rest.commands.get(harness.fake.guildId) as Declared[]).map((c) => c.name),
    );
    expect(global.every((c) => c.contexts.length === 1 && c.contexts[0] === 1)).toBe(true);
  });

  it("are declared in a guild the bot joins while running", async () => {
    harness = await startDiscordHarness(echo);
    const joined = harness.fake.joinGuild();
    await until(() => harness!.fake.rest.commands.has(joined));
    expect((harness.fake.rest.commands.get(joined) as Declared[]).map((c) => c.name)).toContain("aide");
  });

  it("are declared in sixty guilds at start within Discord's global and per-route limits, with no 429", async () => {
    harness = await startDiscordHarness(echo, {
      // A tight bucket for the command route: discord.js must read the headers and wait.
      fake: {
        extraGuilds: 59,
        routeLimit: (key) => (key.includes("/commands") ? { limit: 20, windowMs: 200 } : { limit: 50, windowMs: 1000 }),
      },
    });
    const { fake } = harness;
    await until(() => fake.guildIds.every((id) => fake.rest.commands.has(id)));
    const commandCalls = fake.rest.calls.filter((c) => c.path.endsWith("/commands"));
    expect(commandCalls.map((c) => c.status).filter((s) => s !== 200)).toEqual([]);
    expect(commandCalls).toHaveLength(61);
  });
});
