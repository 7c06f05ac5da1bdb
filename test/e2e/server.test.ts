import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { dropSchema, MIGRATIONS_DIR, postgresUrl } from "../support/database.ts";
import { type BotProcess, isolatedDatabaseEnv, say, startBot, startBotExpectingFailure } from "../support/process.ts";

const running: BotProcess[] = [];
const schemas: string[] = [];
afterAll(async () => {
  await Promise.all(running.map((b) => b.stop("SIGKILL")));
  for (const s of schemas) await dropSchema(s);
});

async function start(env: Record<string, string>) {
  const bot = await startBot(env);
  running.push(bot);
  return bot;
}

async function databaseEnv() {
  const { env, schema } = await isolatedDatabaseEnv();
  if (schema) schemas.push(schema);
  return env;
}

describe("the bot process", () => {
  it("starts with no platform token, serves health, the chat page and the local API, and stops cleanly on SIGTERM", async () => {
    const bot = await start(await databaseEnv());
    const health = await fetch(`${bot.url}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: postgresUrl ? "postgresql" : "pglite" });
    expect(await (await fetch(bot.url)).text()).toContain("<html");

    const first = await say(bot.url, { user: "e2e-newcomer", text: "bonjour" });
    expect(first.status).toBe(200);
    expect(first.body.replies[0]!.choices!.map((c) => c.id)).toEqual(["onb.language:fr", "onb.language:en"]);
    await say(bot.url, { user: "e2e-newcomer", action: "onb:language:fr" });
    await say(bot.url, { user: "e2e-newcomer", action: "onb:role:DIGITAL_ADVISER" });
    const territories = await say(bot.url, { user: "e2e-newcomer", action: "onb:organisation:none" });
    const done = await say(bot.url, { user: "e2e-newcomer", action: territories.body.replies[0]!.choices![0]!.id });
    expect(done.body.replies[0]!.text).toContain("Votre demande de rôle « conseiller numérique » est transmise");
    const requests = await say(bot.url, { user: "demo-coordinator", text: "demandes" });
    expect(requests.body.replies.map((r) => r.text).join("\n")).toContain(
      "e2e-newcomer demande le rôle « conseiller numérique »",
    );

    const bad = await fetch(`${bot.url}api/local/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${bot.url}healthz`)).status).toBe(200);

    expect(await bot.stop("SIGTERM")).toBe(0);
    expect(bot.stdout()).toContain('"msg":"stopped"');
  });

  it("keeps what members said across a restart", async () => {
    const env = await databaseEnv();
    const before = await start(env);
    await say(before.url, { user: "e2e-restart", text: "démarrer" });
    await say(before.url, { user: "e2e-restart", action: "onb:language:en" });
    expect(await before.stop()).toBe(0);
    const after = await start(env);
    const resumed = await say(after.url, { user: "e2e-restart", text: "hello?" });
    expect(resumed.body.replies[0]!.text).toBe(
      "What is your role in the network? A coordinator will approve your request.",
    );
    expect(after.stdout()).toContain('"msg":"demo network already present"');
    expect(await after.stop()).toBe(0);
  });

  it("refuses to start on bad configuration, naming each wrong variable, without a stack trace", async () => {
    const { code, stderr } = await startBotExpectingFailure({ PORT: "http", DATABASE_URL: "mysql://localhost/bot" });
    expect(code).toBe(1);
    expect(stderr).toContain("PORT: must be a port number");
    expect(stderr).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("two processes started at the same time: one database, migrated and seeded once", async () => {
    const env = await databaseEnv();
    if (postgresUrl) {
      const [a, b] = await Promise.all([start(env), start(env)]);
      expect((await fetch(`${a.url}healthz`)).status).toBe(200);
      expect((await fetch(`${b.url}healthz`)).status).toBe(200);
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      const schema = schemas.at(-1)!;
      const migrations = await client.query(`select count(*)::int as n from "${schema}"."_prisma_migrations"`);
      const networks = await client.query(`select count(*)::int as n from "${schema}"."Network"`);
      await client.end();
      const committed = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).length;
      expect(migrations.rows[0].n).toBe(committed);
      expect(networks.rows[0].n).toBe(1);
    } else {
      // PGlite is in-process: the second process must refuse the folder rather than corrupt it.
      const a = await start(env);
      const second = await startBotExpectingFailure(env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("another bot process is using the embedded database");
      expect((await fetch(`${a.url}healthz`)).status).toBe(200);
    }
  });

  it("DEMO=false: no demo network, and posting as demo-coordinator is refused with 401", async () => {
    const bot = await start({ ...(await databaseEnv()), DEMO: "false" });
    expect((await fetch(`${bot.url}healthz`)).status).toBe(200);
    const posted = await say(bot.url, { user: "demo-coordinator", text: "membres" });
    expect(posted.status).toBe(401);
    expect(bot.stdout()).not.toContain("demo network");
    expect(await bot.stop()).toBe(0);
  });

  it("the demo refuses to listen on 0.0.0.0 (exit 1, one sentence), and SEED_DEMO is named as deprecated", async () => {
    const { code, stderr } = await startBotExpectingFailure({ HOST: "0.0.0.0", SEED_DEMO: "true" });
    expect(code).toBe(1);
    expect(stderr).toContain("HOST: 0.0.0.0 is not a loopback address");
    expect(stderr).toContain("DEMO=false for a real deployment");
    const env = await databaseEnv();
    const alias = await start({ ...env, SEED_DEMO: "true" });
    expect(alias.stdout().match(/SEED_DEMO is deprecated/g)).toHaveLength(1);
    expect(await alias.stop()).toBe(0);
    // That database now holds the demo network: a production process refuses it rather than serve its identities.
    const refused = await startBotExpectingFailure({ ...env, DEMO: "false" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("this database holds the demo network (tarn-et-garonne)");
    // Three bot processes one after the other, one of them a demo's cold start: room for a loaded machine.
  }, 180_000);
});
