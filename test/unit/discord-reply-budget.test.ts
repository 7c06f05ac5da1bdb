import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";

// An answer in four messages: the interaction's reply, then three follow-ups through its token.
const answer = async (): Promise<Reply[]> =>
  ["Un", "Deux", "Trois", "Quatre"].map((text) => ({ text, visibility: "private" as const }));

const MEMBERS = 30;
const RECIPIENTS = 120;

describe("Discord: answers to members and a broadcast's deliveries", () => {
  let harness: DiscordHarness;
  beforeAll(async () => {
    harness = await startDiscordHarness(answer);
  });
  afterAll(async () => harness?.close());

  it("members pressing while a broadcast is being paced are answered before it ends, never held for the bot's global limit", async () => {
    // 120 DMs, two requests each at the deliveries' 40 a second: several seconds of queued sends.
    const broadcast = Array.from({ length: RECIPIENTS }, (_, i) =>
      harness.adapter.deliver({ to: "member", id: snowflake() }, { text: `Annonce ${i}`, visibility: "private" }),
    );
    const logged = harness.logs.length;
    // 30 members at once: 90 follow-ups within a second or two, more than the bot's 50 a second.
    const answers = await Promise.all(
      Array.from({ length: MEMBERS }, (_, i) => harness.driver.send(`membre-${i}`, "aide")),
    );
    const deliveredWhenAnswered = harness.fake.rest.calls.filter(
      (c) => c.method === "POST" && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200,
    ).length;

    expect(answers.map((a) => a.map((r) => r.text))).toEqual(
      Array.from({ length: MEMBERS }, () => ["Un", "Deux", "Trois", "Quatre"]),
    );
    expect(deliveredWhenAnswered).toBeLessThan(RECIPIENTS);
    const heldGlobally = harness.logs
      .slice(logged)
      .filter((l) => l.msg === "Discord rate limit reached; waiting" && l.global === true);
    expect(heldGlobally).toEqual([]);
    // The broadcast still goes out whole.
    expect((await Promise.all(broadcast)).filter((o) => o.kind === "sent")).toHaveLength(RECIPIENTS);
  }, 60_000);
});
