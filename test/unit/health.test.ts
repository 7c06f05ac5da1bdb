import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { captureLog } from "../support/logs.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

// The data folder filling up, simulated inside the database: every write to the heartbeat fails
// with PostgreSQL's own disk_full error, while reads keep working (as on a full disk).
async function fillTheDisk() {
  await db.prisma.$executeRawUnsafe(`create or replace function refuse_write() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file "base/5/16384": No space left on device' using errcode = '53100'; end $$`);
  await db.prisma.$executeRawUnsafe(
    `create trigger disk_full before insert or update on "Heartbeat" for each row execute function refuse_write()`,
  );
}
const freeTheDisk = () => db.prisma.$executeRawUnsafe(`drop trigger disk_full on "Heartbeat"`);

describe("the health check", () => {
  it("answers 503 while the database can read but not write, says so once in the log, and recovers", async () => {
    const captured = captureLog("info");
    const app = await buildServer({ database: db, log: captured.log, startedAt: new Date(), demo: true });
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);

    await fillTheDisk();
    const first = await app.inject({ method: "GET", url: "/healthz" });
    const second = await app.inject({ method: "GET", url: "/healthz" });
    expect([first.statusCode, second.statusCode]).toEqual([503, 503]);
    expect(first.json()).toEqual({ status: "unavailable", database: db.kind, uptimeSeconds: expect.any(Number) });
    expect(first.body).not.toMatch(/space|extend|base\//);
    const alerts = captured.lines().filter((l) => l.event === "database_unwritable");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ level: 50, fault: "full", code: "53100" });

    await freeTheDisk();
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect(captured.lines().filter((l) => l.event === "database_writable")).toHaveLength(1);
    await app.close();
  });

  it("a read-only database is told apart from a full one", async () => {
    const captured = captureLog("info");
    const readOnly = {
      kind: db.kind,
      ping: () =>
        Promise.reject(Object.assign(new Error("cannot execute INSERT in a read-only transaction"), { code: "25006" })),
    };
    const app = await buildServer({ database: readOnly, log: captured.log, startedAt: new Date(), demo: true });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain("read-only");
    expect(captured.lines().find((l) => l.event === "database_unwritable")).toMatchObject({ fault: "read_only" });
    await app.close();
  });
});
