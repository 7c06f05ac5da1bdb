import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness, until } from "../fakes/discord/harness.ts";

const hello = async (): Promise<Reply[]> => [{ text: "Bonjour !", visibility: "private" }];

describe("Discord REST: rate limits and server errors", () => {
  let harness: DiscordHarness;
  beforeAll(async () => {
    harness = await startDiscordHarness(hello, { adapter: { restRetries: 3 } });
  });
  afterAll(async () => harness?.close());

  const callbacksOf = (path: RegExp) => harness.fake.rest.calls.filter((c) => path.test(c.path));

  it("after a 429 on the answer, discord.js waits retry_after then sends it once: the member reads it, no storm", async () => {
    harness.fake.rest.failNext({ method: "POST", path: /\/callback$/, status: 429, retryAfter: 1 });
    expect((await harness.driver.send("alice", "aide")).map((r) => r.text)).toEqual(["Bonjour !"]);
    const interaction = [...harness.fake.rest.interactions.values()].at(-1)!;
    const attempts = callbacksOf(new RegExp(`/interactions/${interaction.id}/`));
    expect(attempts.map((c) => c.status)).toEqual([429, 204]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("a global 429 holds the bot's requests for retry_after, then the commands of a new guild are declared", async () => {
    harness.fake.rest.failNext({
      method: "PUT",
      path: /\/guilds\/\d+\/commands$/,
      status: 429,
      retryAfter: 1,
      global: true,
    });
    const guild = harness.fake.joinGuild();
    await until(() => harness.fake.rest.commands.has(guild));
    const attempts = callbacksOf(new RegExp(`/guilds/${guild}/commands$`));
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("a server error is retried and logged, and the member still gets the answer", async () => {
    harness.fake.rest.failNext({ method: "POST", path: /\/callback$/, status: 502, times: 2 });
    const logged = harness.logs.length;
    expect((await harness.driver.send("bruno", "aide")).map((r) => r.text)).toEqual(["Bonjour !"]);
    const warnings = harness.logs.slice(logged).filter((l) => l.status === 502);
    expect(warnings.map((l) => [l.level, l.willRetry])).toEqual([
      [40, true],
      [40, true],
    ]);
  });

  it("a server error that lasts is logged with the interaction, and the next member is answered", async () => {
    harness.fake.rest.failNext({ method: "POST", path: /\/callback$/, status: 503, times: 4 });
    const logged = harness.logs.length;
    expect(await harness.driver.send("chloe", "aide")).toEqual([]);
    const lines = harness.logs.slice(logged);
    expect(lines.filter((l) => l.status === 503).map((l) => l.willRetry)).toEqual([true, true, true, false]);
    expect(
      lines.some((l) => l.msg === "could not answer a Discord interaction" && typeof l.interactionId === "string"),
    ).toBe(true);
    expect((await harness.driver.send("chloe", "aide")).map((r) => r.text)).toEqual(["Bonjour !"]);
  });
});
