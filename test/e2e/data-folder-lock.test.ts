import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { postgresUrl } from "../support/database.ts";
import { type BotProcess, isolatedDatabaseEnv, say, startBot } from "../support/process.ts";

const running: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((b) => b.stop("SIGKILL")));
});

async function start(env: Record<string, string>) {
  const bot = await startBot(env);
  running.push(bot);
  return bot;
}

// The folder lock exists on the embedded database only; on PostgreSQL the server keeps its own.
describe.skipIf(postgresUrl)("the embedded database's folder lock", () => {
  it("a restart right after a SIGKILL starts at once, with what members said before", async () => {
    const { env } = await isolatedDatabaseEnv();
    const killed = await start(env);
    await say(killed.url, { user: "sigkill-member", text: "démarrer" });
    await say(killed.url, { user: "sigkill-member", action: "onb:language:en" });
    expect(await killed.stop("SIGKILL")).toBe(null);

    const restarted = await start(env);
    expect((await fetch(`${restarted.url}healthz`)).status).toBe(200);
    const resumed = await say(restarted.url, { user: "sigkill-member", text: "hello?" });
    expect(resumed.body.replies[0]!.text).toBe("What is your role in the network? A coordinator will approve your request.");
    expect(await restarted.stop()).toBe(0);
  });

  it("a lock lost while running ends the process with one log line, not an uncaught error", async () => {
    const { env } = await isolatedDatabaseEnv();
    const bot = await start(env);
    // As when the folder is wiped or another machine takes the lock over.
    await rm(`${env.PGLITE_DATA_DIR}.lock`, { recursive: true });
    expect(await bot.exited).toBe(1);
    const lost = bot.stdout().split("\n").filter((l) => l.includes("data_folder_lock_lost"));
    expect(lost).toHaveLength(1);
    expect(JSON.parse(lost[0]!)).toMatchObject({ level: 60, event: "data_folder_lock_lost", err: { code: "ECOMPROMISED" } });
    expect(bot.stderr()).toBe("");
  });
});
