import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BotProcess, say, startBot } from "../support/process.ts";

const running: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((b) => b.stop("SIGKILL")));
});

async function start(env: Record<string, string>) {
  const bot = await startBot(env);
  running.push(bot);
  return bot;
}

// The folder lock exists on the embedded database only: these processes use PGlite whatever
// database the rest of the suite runs on (the environment they get names no DATABASE_URL).
async function isolatedDatabaseEnv(): Promise<{ env: Record<string, string> }> {
  return { env: { PGLITE_DATA_DIR: join(await mkdtemp(join(tmpdir(), "bot-lock-")), "pglite") } };
}

describe("the embedded database's folder lock", () => {
  it("a restart right after a SIGKILL starts at once, with what members said before", async () => {
    const { env } = await isolatedDatabaseEnv();
    const killed = await start(env);
    await say(killed.url, { user: "sigkill-member", text: "démarrer" });
    await say(killed.url, { user: "sigkill-member", action: "onb:language:en" });
    expect(await killed.stop("SIGKILL")).toBe(null);

    const restarted = await start(env);
    expect((await fetch(`${restarted.url}healthz`)).status).toBe(200);
    const resumed = await say(restarted.url, { user: "sigkill-member", text: "hello?" });
    expect(resumed.body.replies[0]!.text).toBe(
      "What is your role in the network? A coordinator will approve your request.",
    );
    expect(await restarted.stop()).toBe(0);
  });

  it("a lock lost while running ends the process with one log line, not an uncaught error", async () => {
    const { env } = await isolatedDatabaseEnv();
    const bot = await start(env);
    // As when the folder is wiped or another machine takes the lock over.
    await rm(`${env.PGLITE_DATA_DIR}.lock`, { recursive: true });
    expect(await bot.exited).toBe(1);
    const lost = bot
      .stdout()
      .split("\n")
      .filter((l) => l.includes("data_folder_lock_lost"));
    expect(lost).toHaveLength(1);
    expect(JSON.parse(lost[0]!)).toMatchObject({
      level: 60,
      event: "data_folder_lock_lost",
      err: { code: "ECOMPROMISED" },
    });
    expect(bot.stderr()).toBe("");
  });
});
