import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { dropSchema } from "../support/database.ts";
import { type BotProcess, isolatedDatabaseEnv, startBot } from "../support/process.ts";

const running: BotProcess[] = [];
const schemas: string[] = [];
afterAll(async () => {
  await Promise.all(running.map((b) => b.stop("SIGKILL")));
  for (const s of schemas) await dropSchema(s);
});

/** A GET through `agent`, resolved with the status once the body is read (the socket then idles in the agent). */
function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.on("error", reject);
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    })
      .on("error", reject)
      .end();
  });
}

describe("stopping the bot", () => {
  it("SIGTERM with browsers' keep-alive connections open exits 0, well before the shutdown timeout", async () => {
    const { env, schema } = await isolatedDatabaseEnv();
    if (schema) schemas.push(schema);
    // A timeout far longer than a clean stop: reaching it means exit code 1 and the "took too long" line.
    const bot = await startBot({ ...env, SHUTDOWN_TIMEOUT_MS: "60000" });
    running.push(bot);
    const browsers = [new Agent({ keepAlive: true }), new Agent({ keepAlive: true })];
    for (const agent of browsers) expect(await get(agent, `${bot.url}healthz`)).toBe(200);
    // A proxy's pre-opened connection that has sent nothing yet, and one whose request is half sent.
    const { hostname, port } = new URL(bot.url);
    const preopened = connect(Number(port), hostname);
    const halfSent = connect(Number(port), hostname, () => halfSent.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    for (const socket of [preopened, halfSent]) socket.on("error", () => {});
    await Promise.all([preopened, halfSent].map((s) => new Promise((r) => s.once("connect", r))));
    // A request sent just as the stop begins: whatever its fate, its socket does not hold the stop.
    // Its failure (a reset) is handled at once: the rejection may come while the stop is awaited.
    const inFlight = get(browsers[0]!, `${bot.url}api/local/inbox?user=keep-alive&since=2026-01-01T00:00:00Z`).catch(
      () => {},
    );
    expect(await bot.stop("SIGTERM")).toBe(0);
    await inFlight;
    expect(bot.stdout()).not.toContain("shutdown took too long");
    expect(bot.stdout()).toContain('"msg":"stopped"');
    for (const agent of browsers) agent.destroy();
    for (const socket of [preopened, halfSent]) socket.destroy();
  });
});
