import { afterEach, describe, expect, it } from "vitest";
import { say } from "../../src/core/reply.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { capturingLog, recordingDispatch } from "../fakes/telegram/support.ts";

describe("Telegram long polling", () => {
  let driver: TelegramHarness | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  it("declares the command menu in French by default and in English, with names Telegram accepts", async () => {
    driver = await createTelegramDriver(recordingDispatch());
    const calls = driver.fake.callsOf("setMyCommands");
    expect(calls).toHaveLength(2);
    const fr = calls.find((c) => c.params.language_code === undefined)!.params.commands as {
      command: string;
      description: string;
    }[];
    const en = calls.find((c) => c.params.language_code === "en")!.params.commands as {
      command: string;
      description: string;
    }[];
    expect(fr.map((c) => c.command)).toEqual(
      expect.arrayContaining([
        "aide",
        "start",
        "profil",
        "langue",
        "lier",
        "membres",
        "demandes",
        "valider",
        "refuser",
      ]),
    );
    expect(en.map((c) => c.command)).toEqual(
      expect.arrayContaining([
        "help",
        "start",
        "profile",
        "language",
        "link",
        "members",
        "requests",
        "approve",
        "refuse",
      ]),
    );
    expect(fr.find((c) => c.command === "aide")!.description).toBe("afficher ce que vous pouvez faire");
    for (const c of [...fr, ...en]) {
      expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(256);
    }
  });

  it("keeps answering members through server errors and dropped connections, and logs them", async () => {
    const { log, entries } = capturingLog();
    driver = await createTelegramDriver(
      recordingDispatch((i) => [say(`reçu : ${i.input.kind === "text" ? i.input.text : ""}`)]),
      {
        log,
        beforeStart: (fake) => {
          fake.failNext("getUpdates", { status: 500 });
          fake.failNext("getUpdates", "drop");
          fake.failNext("getUpdates", { status: 502 });
          fake.failNext("getUpdates", "drop");
        },
      },
    );
    expect(await driver.send("alice", "aide")).toEqual([{ text: "reçu : aide", choices: [], private: true }]);
    const statuses = driver.fake
      .callsOf("getUpdates")
      .slice(0, 5)
      .map((c) => c.status);
    expect(statuses).toEqual([500, 0, 502, 0, 200]);
    expect(entries.filter((e) => e.msg === "Telegram polling failed; retrying")).toHaveLength(4);
    expect(entries.some((e) => e.msg === "Telegram polling recovered")).toBe(true);
    // Still polling afterwards.
    driver.fake.failNext("getUpdates", { status: 500 });
    expect(await driver.send("bob", "profil")).toEqual([{ text: "reçu : profil", choices: [], private: true }]);
  });

  it("starts while Telegram is unreachable and begins answering once it is back", async () => {
    const { log, entries } = capturingLog();
    driver = await createTelegramDriver(recordingDispatch(), {
      log,
      beforeStart: (fake) => {
        fake.failNext("getMe", "drop");
        fake.failNext("getMe", { status: 502 });
      },
    });
    expect((await driver.send("alice", "aide")).map((r) => r.text)).toEqual(["reçu : aide"]);
    expect(entries.filter((e) => e.msg === "Telegram set-up failed; retrying")).toHaveLength(2);
    expect(driver.fake.callsOf("getMe")).toHaveLength(3);
  });

  it("maps a group message: the group is the scope, a command addressed to the bot loses its @name, and a deep link becomes 'start <payload>'", async () => {
    const dispatch = recordingDispatch();
    driver = await createTelegramDriver(dispatch);
    await driver.send("alice", "/membres@reseau_test_bot conseiller", "group");
    await driver.send("alice", "/start link-K7P4QX2M");
    expect(dispatch.heard.map((i) => [i.conversation, i.scopeId, i.input])).toEqual([
      ["group", "-100123", { kind: "text", text: "/membres conseiller" }],
      ["private", "private", { kind: "text", text: "start link-K7P4QX2M" }],
    ]);
    expect(dispatch.heard[0]).toMatchObject({
      displayName: "Alice Test",
      externalUserId: driver.externalId("alice"),
      localeHint: "fr",
      forms: "steps",
    });
    for (const i of dispatch.heard) expect(i.eventId).toMatch(/^\d+$/);
  });

  it("a command meant for another bot in the group is left alone", async () => {
    const dispatch = recordingDispatch();
    driver = await createTelegramDriver(dispatch);
    expect(await driver.send("alice", "/aide@autre_bot", "group")).toEqual([]);
    expect(dispatch.heard).toHaveLength(0);
  });
});
