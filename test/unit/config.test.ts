import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/env.ts";

describe("configuration", () => {
  it("with nothing set, runs on PGlite on 127.0.0.1:3000 with the demo network and the local chat", () => {
    expect(loadConfig({})).toEqual({
      host: "127.0.0.1",
      port: 3000,
      logLevel: "info",
      database: { kind: "pglite", dataDir: "./data/pglite" },
      seedDemo: true,
      localChannel: { enabled: true, networkSlug: "tarn-et-garonne" },
      shutdownTimeoutMs: 10_000,
    });
  });

  it("a postgresql:// DATABASE_URL selects PostgreSQL, and ?schema= selects the schema", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://bot@db:5432/bot?schema=reseau&sslmode=disable" }).database).toEqual({
      kind: "postgresql",
      url: "postgresql://bot@db:5432/bot?sslmode=disable",
      schema: "reseau",
    });
    expect(loadConfig({ DATABASE_URL: "postgres://127.0.0.1/test" }).database).toMatchObject({ kind: "postgresql", schema: "public" });
  });

  it("an empty variable counts as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).database.kind).toBe("pglite");
  });

  it("every wrong variable is named in one message", () => {
    const error = (() => {
      try {
        loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://localhost/x", SEED_DEMO: "perhaps", LOG_LEVEL: "loud" });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL", "PORT", "SEED_DEMO"]);
    expect(error!.message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(error!.message).toContain("PORT: must be a port number");
  });
});
