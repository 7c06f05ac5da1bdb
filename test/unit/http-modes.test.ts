import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOOPBACK_HOSTS } from "../../src/config/env.ts";
import { buildServer } from "../../src/http/server.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let demo: Awaited<ReturnType<typeof buildServer>>;
let production: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  bot = await createTestBot();
  const local = { dispatch: bot.dispatch, networkSlug: "tarn-et-garonne", db: bot.db.prisma };
  const base = { database: bot.db, log: silentLog, local, startedAt: new Date() };
  demo = await buildServer({ ...base, demo: true, allowedHosts: [...LOOPBACK_HOSTS, "bot.reseau.example"] });
  production = await buildServer({ ...base, demo: false });
});
afterAll(async () => {
  await demo.close();
  await production.close();
  await bot.close();
});

const asCoordinator = { user: "demo-coordinator", text: "membres" };

describe("production mode (DEMO=false): nobody is believed by a typed user id", () => {
  it("posting as demo-coordinator is refused with 401, and nothing is answered", async () => {
    const res = await production.inject({ method: "POST", url: "/api/local/messages", payload: asCoordinator });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: "sign_in_required", message: expect.stringContaining("Sign in first") },
    });
  });

  it("the inbox, file downloads and any other local route answer 401", async () => {
    for (const url of [
      "/api/local/inbox?user=demo-coordinator&since=2026-01-01T00:00:00Z",
      "/api/local/files/00000000-0000-4000-8000-000000000000/export.xlsx",
      "/api/local/anything",
    ]) {
      const res = await production.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it("the web chat page says that signing in is required instead of offering a user field", async () => {
    const res = await production.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("Connexion requise");
    expect(res.body).not.toContain("/api/local/messages");
  });

  it("with the web chat off, the local API still answers 401 (never a demo identity)", async () => {
    const off = await buildServer({ database: bot.db, log: silentLog, startedAt: new Date(), demo: false });
    expect((await off.inject({ method: "POST", url: "/api/local/messages", payload: asCoordinator })).statusCode).toBe(
      401,
    );
    expect((await off.inject({ method: "GET", url: "/" })).statusCode).toBe(404);
    await off.close();
  });
});

describe("host names: no DNS rebinding onto the bot", () => {
  it("a request under a foreign Host is answered 403 in both modes", async () => {
    for (const app of [demo, production]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/local/messages",
        headers: { host: "attacker.example:3000" },
        payload: asCoordinator,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("forbidden_host");
    }
  });

  it("loopback names and PUBLIC_URL's host are answered", async () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "bot.reseau.example"]) {
      const res = await demo.inject({
        method: "POST",
        url: "/api/local/messages",
        headers: { host },
        payload: asCoordinator,
      });
      expect(res.statusCode, host).toBe(200);
    }
  });

  it("a change sent from another site's page (its Origin) is answered 403", async () => {
    const foreign = await demo.inject({
      method: "POST",
      url: "/api/local/messages",
      headers: { host: "127.0.0.1:3000", origin: "http://attacker.example" },
      payload: asCoordinator,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe("forbidden_origin");
    const opaque = await demo.inject({
      method: "POST",
      url: "/api/local/messages",
      headers: { host: "127.0.0.1:3000", origin: "null" },
      payload: asCoordinator,
    });
    expect(opaque.statusCode).toBe(403);
    const same = await demo.inject({
      method: "POST",
      url: "/api/local/messages",
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" },
      payload: asCoordinator,
    });
    expect(same.statusCode).toBe(200);
  });

  it("a Host carrying user info or a path is refused", async () => {
    const res = await demo.inject({ method: "GET", url: "/", headers: { host: "attacker.example@127.0.0.1" } });
    expect(res.statusCode).toBe(403);
  });

  it("the health check answers probes that use an address", async () => {
    const res = await production.inject({ method: "GET", url: "/healthz", headers: { host: "10.0.0.7:3000" } });
    expect(res.statusCode).toBe(200);
  });
});
