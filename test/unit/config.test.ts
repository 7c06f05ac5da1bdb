import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/env.ts";

describe("configuration", () => {
  it("with nothing set, runs on PGlite on 127.0.0.1:3000 with the demo network and the local chat", () => {
    expect(loadConfig({})).toEqual({
      host: "127.0.0.1",
      port: 3000,
      logLevel: "info",
      database: { kind: "pglite", dataDir: "./data/pglite" },
      demo: true,
      localChannel: { enabled: true, networkSlug: "tarn-et-garonne" },
      allowedHosts: ["localhost", "127.0.0.1", "[::1]"],
      deprecations: [],
      defaultNetwork: undefined,
      telegram: undefined,
      slack: undefined,
      discord: undefined,
      shutdownTimeoutMs: 10_000,
    });
  });

  it("each platform is enabled by its own tokens, and only that one", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABC-def_42",
      DISCORD_BOT_TOKEN: "tok",
      DISCORD_APPLICATION_ID: "123456789012345678",
    });
    expect(config.telegram).toEqual({ token: "123456:ABC-def_42" });
    expect(config.discord).toEqual({ token: "tok", applicationId: "123456789012345678" });
    expect(config.slack).toBeUndefined();
    const webhook = loadConfig({
      TELEGRAM_BOT_TOKEN: "1:a",
      TELEGRAM_WEBHOOK_SECRET: "s3cret",
      PUBLIC_URL: "https://bot.example.org",
    });
    expect(webhook.telegram?.webhook).toEqual({ publicUrl: "https://bot.example.org", secret: "s3cret" });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "x", SLACK_APP_TOKEN: "xapp-1" }).slack,
    ).toEqual({ botToken: "xoxb-1", signingSecret: "x", appToken: "xapp-1" });
  });

  it("a platform token without its companion variable is named", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(
      "SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN",
    );
    expect(() => loadConfig({ DISCORD_BOT_TOKEN: "t" })).toThrow(
      "DISCORD_APPLICATION_ID: required with DISCORD_BOT_TOKEN",
    );
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "1:a", TELEGRAM_WEBHOOK_SECRET: "s" })).toThrow(
      "PUBLIC_URL: required with TELEGRAM_WEBHOOK_SECRET",
    );
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "not a token" })).toThrow("TELEGRAM_BOT_TOKEN: must look like");
  });

  it("a postgresql:// DATABASE_URL selects PostgreSQL, and ?schema= selects the schema", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://bot@db:5432/bot?schema=reseau&sslmode=disable" }).database).toEqual(
      {
        kind: "postgresql",
        url: "postgresql://bot@db:5432/bot?sslmode=disable",
        schema: "reseau",
      },
    );
    expect(loadConfig({ DATABASE_URL: "postgres://127.0.0.1/test" }).database).toMatchObject({
      kind: "postgresql",
      schema: "public",
    });
  });

  it("an empty variable counts as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).database.kind).toBe("pglite");
  });

  it("every wrong variable is named in one message", () => {
    const error = (() => {
      try {
        loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://localhost/x", DEMO: "perhaps", LOG_LEVEL: "loud" });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "DEMO", "LOG_LEVEL", "PORT"]);
    expect(error!.message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(error!.message).toContain("PORT: must be a port number");
  });

  it("DEMO=false: no demo, the web chat off unless asked for, and any listening address allowed", () => {
    const config = loadConfig({ DEMO: "false", HOST: "0.0.0.0", PUBLIC_URL: "https://bot.reseau17.example/" });
    expect(config).toMatchObject({ demo: false, host: "0.0.0.0", localChannel: { enabled: false } });
    expect(config.allowedHosts).toEqual(["localhost", "127.0.0.1", "[::1]", "bot.reseau17.example"]);
    expect(loadConfig({ DEMO: "false", LOCAL_CHANNEL: "true" }).localChannel.enabled).toBe(true);
  });

  it("the demo refuses a listening address other than loopback, saying why and what to set", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(
      "HOST: 0.0.0.0 is not a loopback address, and in demo mode anyone who reaches the port can act as any member, the coordinator included; set HOST=127.0.0.1 to try the demo, or DEMO=false for a real deployment",
    );
    expect(() => loadConfig({ DEMO: "true", HOST: "192.168.1.20" })).toThrow(
      "HOST: 192.168.1.20 is not a loopback address",
    );
    for (const host of ["127.0.0.1", "127.0.1.1", "::1", "localhost"])
      expect(loadConfig({ HOST: host }).demo).toBe(true);
  });

  it("SEED_DEMO still works as an alias of DEMO, with a deprecation notice", () => {
    const config = loadConfig({ SEED_DEMO: "false" });
    expect(config.demo).toBe(false);
    expect(config.deprecations).toEqual([
      "SEED_DEMO is deprecated: use DEMO (true or false); DEMO wins when both are set",
    ]);
    expect(loadConfig({ SEED_DEMO: "false", DEMO: "true" }).demo).toBe(true);
  });
});
