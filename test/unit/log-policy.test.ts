import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.ts";
import type { Feature } from "../../src/core/commands.ts";
import { createDispatcher } from "../../src/core/dispatch.ts";
import { createTestBot, form, inbound, type TestBot } from "../support/bot.ts";
import { captureLog } from "../support/logs.ts";
import { seedReports } from "./reports-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  await seedReports(bot);
});
afterAll(() => bot.close());

// Every name the seeded network and the export hold: none of them may reach a log line.
const NAMES = ["Léa Fabre", "Sophie Delmas", "Julien Carrère", "Camille Roques", "Nathalie Bousquet", "Thomas Lefèvre"];

describe("logs never carry message texts, names or file contents", () => {
  it("the COPIL export's log line tells counts and sizes, never the workbook or the advisers' names", async () => {
    const captured = captureLog("trace");
    const dispatch = createBot(bot.db.prisma, captured.log, { now: bot.now });
    for (const format of ["xlsx", "csv"]) {
      const replies = await dispatch(
        inbound(
          "demo-coordinator",
          form("export", { from: "2026-01-01", to: "2026-11-22", territory: "network", format }),
        ),
      );
      expect(replies.flatMap((r) => r.files ?? []).length).toBeGreaterThan(0);
    }
    const built = captured.lines().filter((l) => l.msg === "COPIL export built");
    expect(built).toHaveLength(2);
    expect(built[0]).toMatchObject({ format: "xlsx", activities: expect.any(Number), sizeBytes: expect.any(Number) });
    for (const line of captured.text().split("\n")) expect(line.length).toBeLessThan(2_000);
    for (const name of NAMES) expect(captured.text()).not.toContain(name);
  });

  it("a newcomer's name and what they type stay out of the logs", async () => {
    const captured = captureLog("trace");
    const dispatch = createBot(bot.db.prisma, captured.log, { now: bot.now });
    await dispatch(inbound({ user: "zoe-m", name: "Zoé Marchal" }, "bonjour, mon numéro est le 06 12 34 56 78"));
    await dispatch(inbound({ user: "zoe-m", name: "Zoé Marchal" }, "aide moi 06 12 34 56 78"));
    expect(captured.text()).not.toMatch(/Zoé|Marchal|06 12 34/);
  });

  it("an error that carries the message it failed to send is logged without that message", async () => {
    // As platform SDKs do: grammY's errors hold the request `payload`, discord.js's the `requestBody`.
    const failing: Feature = {
      commands: [
        {
          name: "send",
          words: "commands.help.words",
          summary: "commands.help.summary",
          audience: "anyone",
          run: async () => {
            throw Object.assign(new Error("Bad Request: chat not found"), {
              method: "sendMessage",
              payload: { chat_id: 42, text: "Rappel pour Zoé Marchal" },
              requestBody: { files: [{ data: new Uint8Array(9_000) }] },
            });
          },
        },
      ],
    };
    const captured = captureLog("trace");
    const actor = {
      networkId: bot.networkId,
      memberId: "",
      identityId: "",
      displayName: "Zoé Marchal",
      roles: [],
      status: "ACTIVE" as const,
      locale: "en" as const,
    };
    const dispatch = createDispatcher({
      db: bot.db.prisma,
      log: captured.log,
      features: [failing],
      ports: {
        claimEvent: async () => true,
        resolveActor: async () => actor,
        recordDenial: async () => {},
        continueOnboarding: async () => [],
      },
    });
    await dispatch(inbound("zoe-m", "help"));
    const logged = captured.lines().find((l) => l.msg === "unexpected error while handling a message")!;
    expect(logged.err).toMatchObject({
      message: "Bad Request: chat not found",
      method: "sendMessage",
      payload: "[redacted]",
      requestBody: "[redacted]",
      stack: expect.stringContaining("Error: Bad Request"),
    });
    expect(captured.text()).not.toContain("Zoé");
  });
});
