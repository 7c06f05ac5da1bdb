import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let app: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  bot = await createTestBot();
  app = await buildServer({
    database: bot.db,
    log: silentLog,
    local: {
      dispatch: (c) => bot.send({ user: c.externalUserId }, c.input),
      networkSlug: "tarn-et-garonne",
      db: bot.db.prisma,
    },
    startedAt: new Date(),
    demo: true,
  });
});
afterAll(async () => {
  await app.close();
  await bot.close();
});

const post = (payload: unknown) =>
  app.inject({ method: "POST", url: "/api/local/messages", payload: payload as object });

describe("local channel HTTP contract", () => {
  it("GET /healthz reports the database kind", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: bot.db.kind });
  });

  it("GET /healthz answers 503 when the database does not answer", async () => {
    const down = await buildServer({
      database: { kind: "postgresql", ping: () => Promise.reject(new Error("connection refused")) },
      log: silentLog,
      startedAt: new Date(),
      demo: true,
    });
    const res = await down.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: "unavailable", database: "postgresql" });
    expect(res.body).not.toContain("connection refused");
    await down.close();
  });

  it("GET / serves the web chat page", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("/api/local/messages");
  });

  it("a message, a button press and a form each come back as neutral replies", async () => {
    const text = await post({ user: "demo-adviser", text: "profil" });
    expect(text.statusCode).toBe(200);
    expect(text.json().replies[0]).toMatchObject({ visibility: "private", choices: [{ id: "profile.edit" }] });
    const pressed = await post({ user: "demo-adviser", action: "profile:edit" });
    expect(pressed.json().replies[0].form.fields.map((f: { name: string }) => f.name)).toEqual([
      "displayName",
      "organisationId",
      "territoryId",
      "quietStart",
      "quietEnd",
    ]);
    const submitted = await post({
      user: "demo-adviser",
      form: "profile",
      values: { displayName: "Julien", quietStart: "20:00", quietEnd: "08:00" },
    });
    expect(submitted.json().replies[0].text).toBe("Votre profil est enregistré.");
  });

  it("malformed JSON is a 400 with a reason", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/local/messages",
      headers: { "content-type": "application/json" },
      payload: '{"user": "a", "text": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_json");
  });

  it("a body over 4 KB is a 400 with a reason, and nothing is processed", async () => {
    const res = await post({ user: "oversize", text: "a".repeat(5000) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: "message_too_large", message: "Request body is too large" });
    expect(await bot.db.prisma.platformIdentity.count({ where: { externalId: "oversize" } })).toBe(0);
  });

  it("a body of the wrong shape names the field at fault", async () => {
    expect((await post({ text: "aide" })).json().error.message).toContain("user:");
    expect((await post({ user: "a b", text: "aide" })).json().error.message).toContain("user: must be 1 to 64 letters");
    expect((await post([1, 2])).json().error.message).toContain("must be a JSON object");
    expect((await post({ user: "a", action: "" })).statusCode).toBe(400);
  });
});
