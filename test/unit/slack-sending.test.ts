import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { escapeMrkdwn, fallbackText, messageBlocks } from "../../src/channels/slack/render.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import type { InboundCommand } from "../../src/core/inbound.ts";
import { type Reply, say } from "../../src/core/reply.ts";
import { startSlackDriver } from "../fakes/slack/driver.ts";
import { type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import { directMessage } from "../fakes/slack/requests.ts";

const alice = { userId: "UALICE", name: "alice" };
const answering =
  (...replies: Reply[]): Dispatch =>
  async () =>
    replies;

/** A pino logger whose lines the test reads. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe("slack: sending within Slack's limits", () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const postsTo = (h: SlackHarness, channel: string) =>
    h.fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

  it("a burst of replies to one conversation is paced and never rate-limited", async () => {
    const replies = ["un", "deux", "trois", "quatre"].map((t) => say(t));
    harness = await startSlackHarness(answering(...replies), {
      fake: { channelIntervalMs: 200 },
      adapter: { channelIntervalMs: 200, retry: { retries: 2, minTimeoutMs: 10, maxTimeoutMs: 50 } },
    });
    await harness.post(directMessage(alice, "aide", "DALICE"));
    await harness.adapter.idle();
    const posts = postsTo(harness, "DALICE");
    expect(posts.map((c) => c.status)).toEqual([200, 200, 200, 200]);
    expect(posts.map((c) => c.body.text)).toEqual(["un", "deux", "trois", "quatre"]);
  });

  it("a reply Slack rate-limits is sent again after Retry-After, once, without a storm", async () => {
    harness = await startSlackHarness(answering(say("pong")));
    harness.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await harness.post(directMessage(alice, "aide", "DALICE"));
    await harness.adapter.idle();
    const posts = postsTo(harness, "DALICE");
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    // Slack's Retry-After is in seconds: the retry waits for it.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("a reply hit by Slack server errors is retried with backoff, delivered, and the failures logged", async () => {
    const { log, lines } = capturedLog();
    harness = await startSlackHarness(answering(say("pong")), { log });
    harness.fake.failNext("chat.postMessage", { status: 503 }, 2);
    await harness.post(directMessage(alice, "aide", "DALICE"));
    await harness.adapter.idle();
    expect(postsTo(harness, "DALICE").map((c) => c.status)).toEqual([503, 503, 200]);
    expect(lines.filter((l) => l.msg === "slack API call failed; retrying")).toHaveLength(2);
  });

  it("a reply Slack keeps refusing is given up after the retries and logged as an error", async () => {
    const { log, lines } = capturedLog();
    harness = await startSlackHarness(answering(say("pong")), { log });
    harness.fake.failNext("chat.postMessage", { status: 500 }, 100);
    await harness.post(directMessage(alice, "aide", "DALICE"));
    await harness.adapter.idle();
    expect(postsTo(harness, "DALICE")).toHaveLength(4); // the first try and 3 retries (test policy)
    expect(lines.some((l) => l.level === 50 && l.msg === "slack: could not deliver")).toBe(true);
  });
});

describe("slack: rendering replies in Block Kit", () => {
  it("more than 25 choices become a menu, and picking an entry sends its choice id to the core", async () => {
    const received: InboundCommand[] = [];
    const choices = Array.from({ length: 30 }, (_, i) => ({ id: `territory:pick:${i}`, label: `Commune ${i}` }));
    const driver = await startSlackDriver(async (inbound) => {
      received.push(inbound);
      return [say("Choisissez", choices)];
    });
    try {
      const shown = await driver.send("alice", "territoire");
      expect(shown[0]!.choices).toHaveLength(30);
      await driver.press("alice", "Commune 27");
      expect(received[1]!.input).toEqual({ kind: "action", actionId: "territory:pick:27" });
    } finally {
      await driver.close();
    }
  });

  it("what a member typed cannot become a mention, a link or formatting", () => {
    const reply = say("Bienvenue <!channel> *Zoé* <https://evil.example|cliquez> & co");
    const [section] = messageBlocks(reply);
    expect(section).toMatchObject({ type: "section", text: { type: "plain_text", text: reply.text } });
    expect(fallbackText(reply)).toBe("Bienvenue &lt;!channel&gt; *Zoé* &lt;https://evil.example|cliquez&gt; &amp; co");
    expect(escapeMrkdwn("<@U123>")).toBe("&lt;@U123&gt;");
  });

  it("a long answer is split into sections Slack accepts", () => {
    const text = Array.from({ length: 200 }, (_, i) => `Ligne ${i} ${"x".repeat(40)}`).join("\n");
    const blocks = messageBlocks(say(text));
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.every((b) => b.type === "section" && b.text!.text.length <= 3000)).toBe(true);
  });
});
