import { afterEach, describe, expect, it } from "vitest";
import { scaleLimits, TELEGRAM_LIMITS } from "../../src/channels/telegram/limits.ts";
import { type Reply, say } from "../../src/core/reply.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { capturingLog, recordingDispatch } from "../fakes/telegram/support.ts";

describe("Telegram sending", () => {
  let driver: TelegramHarness | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  async function start(answer: (text: string) => Reply[], options: Parameters<typeof createTelegramDriver>[1] = {}) {
    const captured = capturingLog();
    driver = await createTelegramDriver(
      recordingDispatch((i) => answer(i.input.kind === "text" ? i.input.text : "")),
      { log: captured.log, ...options },
    );
    return { driver, logs: captured.entries };
  }

  it("a reply longer than 4096 characters arrives in several messages, none over the limit, nothing lost", async () => {
    const paragraph = `${"Les permanences numériques ont lieu chaque mardi. ".repeat(20).trim()}\n`;
    const long = paragraph.repeat(12).trim();
    const { driver } = await start(() => [say(long, [{ id: "profile:edit", label: "Modifier" }])]);
    const seen = await driver.send("alice", "aide");
    expect(long.length).toBeGreaterThan(4096 * 2);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const part of seen) expect(part.text.length).toBeLessThanOrEqual(4096);
    expect(seen.map((r) => r.text).join("\n")).toBe(long);
    // The buttons come under the last part, where the member finishes reading.
    expect(seen.map((r) => r.choices.length)).toEqual([...seen.slice(1).map(() => 0), 1]);
    expect(driver.fake.callsOf("sendMessage").every((c) => c.params.parse_mode === undefined)).toBe(true);
  });

  it("when Telegram answers 429, the bot waits retry_after once and then delivers", async () => {
    const { driver, logs } = await start((text) => [say(`reçu : ${text}`)]);
    driver.fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const seen = await driver.send("alice", "aide");
    expect(seen.map((r) => r.text)).toEqual(["reçu : aide"]);
    const calls = driver.fake.callsOf("sendMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(logs.some((l) => l.msg === "Telegram asked to slow down")).toBe(true);
  });

  it("a server error or a dropped connection while sending is retried until the message is delivered", async () => {
    const { driver } = await start((text) => [say(`reçu : ${text}`)]);
    driver.fake.failNext("sendMessage", { status: 500 });
    driver.fake.failNext("sendMessage", "drop");
    driver.fake.failNext("sendMessage", { status: 502 });
    const seen = await driver.send("alice", "aide");
    expect(seen.map((r) => r.text)).toEqual(["reçu : aide"]);
    expect(driver.fake.callsOf("sendMessage").map((c) => c.status)).toEqual([500, 0, 502, 200]);
  });

  it("a member who blocked the bot is logged once and not retried; others still get their answers", async () => {
    const { driver, logs } = await start((text) => [say(`1/2 ${text}`), say(`2/2 ${text}`)]);
    driver.fake.failNext("sendMessage", { status: 403 });
    expect(await driver.send("alice", "aide")).toEqual([]);
    expect(driver.fake.callsOf("sendMessage")).toHaveLength(1);
    expect(logs.filter((l) => /blocked/.test(l.msg))).toHaveLength(1);
    expect((await driver.send("bob", "aide")).map((r) => r.text)).toEqual(["1/2 aide", "2/2 aide"]);
  });

  it("a message failing for good is given up after the configured tries, without crashing", async () => {
    const { driver, logs } = await start((text) => [say(`reçu : ${text}`)], { maxAttempts: 3 });
    driver.fake.failNext("sendMessage", { status: 500 }, 5);
    expect(await driver.send("alice", "aide")).toEqual([]);
    expect(driver.fake.callsOf("sendMessage")).toHaveLength(3);
    expect(logs.some((l) => l.msg === "message given up after repeated failures")).toBe(true);
  });

  it("in a group, a private answer replies to the member's message and a public one does not", async () => {
    const { driver } = await start((text) => [say(`pour vous : ${text}`), { text: "pour tous", visibility: "public" }]);
    const seen = await driver.send("alice", "aide", "group");
    expect(seen).toEqual([
      { text: "pour vous : aide", choices: [], private: true },
      { text: "pour tous", choices: [], private: false },
    ]);
  });

  it("answers to many members at once are paced under Telegram's limits: no 429, everyone answered", async () => {
    // Real global limit (30/s); per-chat windows as documented.
    const { driver } = await start((text) => [say(`reçu : ${text}`)], { limits: TELEGRAM_LIMITS });
    const people = Array.from({ length: 45 }, (_, i) => `membre${i}`);
    const seen = await Promise.all(people.map((p) => driver.send(p, "aide")));
    expect(seen.every((s) => s.length === 1)).toBe(true);
    expect(driver.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
  });

  it("a busy group is held to 20 messages a minute without a 429", async () => {
    // A "minute" of 3 s, the same rules: shorter windows would be within HTTP jitter under load.
    const fast = scaleLimits(TELEGRAM_LIMITS, 20);
    const { driver } = await start((text) => [{ text: `annonce ${text}`, visibility: "public" }], { limits: fast });
    const seen = await Promise.all(Array.from({ length: 25 }, (_, i) => driver.send(`membre${i}`, `n${i}`, "group")));
    expect(driver.fake.sentMessages(driver.groupScopeId)).toHaveLength(25);
    expect(seen.flat().length).toBeGreaterThanOrEqual(25);
    expect(driver.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
  });
});
