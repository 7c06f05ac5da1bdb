import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.ts";
import type { Feature } from "../../src/core/commands.ts";
import { createDispatcher } from "../../src/core/dispatch.ts";
import { say } from "../../src/core/reply.ts";
import { buildServer } from "../../src/http/server.ts";
import { createTestBot, inbound, type TestBot } from "../support/bot.ts";
import { captureLog } from "../support/logs.ts";

let bot: TestBot;
let app: Awaited<ReturnType<typeof buildServer>>;
const captured = captureLog("warn");
const dispatch = (...args: Parameters<ReturnType<typeof createBot>>) =>
  createBot(bot.db.prisma, captured.log, { now: bot.now })(...args);
beforeAll(async () => {
  bot = await createTestBot();
  app = await buildServer({
    database: bot.db,
    log: captured.log,
    local: { dispatch, networkSlug: "tarn-et-garonne", db: bot.db.prisma },
    startedAt: new Date(),
    demo: true,
  });
});
afterAll(async () => {
  await app.close();
  await bot.close();
});

const post = async (payload: object) => {
  const res = await app.inject({ method: "POST", url: "/api/local/messages", payload });
  return {
    status: res.statusCode,
    text:
      res.statusCode === 200
        ? (res.json() as { replies: { text: string }[] }).replies.map((r) => r.text).join("\n")
        : res.body,
  };
};
const errorLines = () => captured.lines().filter((l) => (l.level as number) >= 50);
const apology = /quelque chose s’est mal passé|Something went wrong/;

describe("bad input gets a sentence or a 400, never the unexpected-error path", () => {
  it("a NUL byte or a lone surrogate in a message id is refused with a 400 that names the field", async () => {
    for (const id of ["a\u0000b", "a\ud800b"]) {
      const res = await post({ user: "demo-coordinator", id, text: "aide" });
      expect(res.status).toBe(400);
      expect(res.text).toContain("id: must be 1 to 100 printable ASCII characters");
    }
  });

  it("a NUL byte or a lone surrogate in a platform display name is cleaned, and the newcomer is welcomed", async () => {
    for (const [user, name, shown] of [
      ["tg-nul", "Zo\u0000é\u202e Martin", "Zoé Martin"],
      ["tg-surrogate", "Zo\ud800é", "Zo\ufffdé"],
    ] as const) {
      const replies = await dispatch(inbound({ user, name }, "bonjour"));
      expect(replies.map((r) => r.text).join("\n")).not.toMatch(apology);
      expect(
        (await bot.db.prisma.member.findFirstOrThrow({ where: { identities: { some: { externalId: user } } } }))
          .displayName,
      ).toBe(shown);
    }
  });

  it("a NUL byte in what a member types does not break the conversation", async () => {
    const res = await post({ user: "demo-coordinator", text: "ai\u0000de" });
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(apology);
  });

  it("a form whose id field is not an id (`x' OR 1=1--`) is told it is not valid", async () => {
    const forged = "x' OR 1=1--";
    const res = await post({
      user: "demo-coordinator",
      form: "profile",
      values: {
        displayName: "Sophie Delmas",
        organisationId: forged,
        territoryId: "",
        quietStart: "20:00",
        quietEnd: "08:00",
      },
    });
    expect(res.text).toContain("Cette structure ne fait pas partie du réseau");
  });

  it("the profile form without its quiet hours names what is missing", async () => {
    const res = await post({ user: "demo-coordinator", form: "profile", values: { displayName: "Sophie Delmas" } });
    expect(res.text).toContain("les heures calmes s’écrivent comme 20:00 ou 8h00");
  });

  it("an id the database cannot read, in any feature's form, gets a sentence and a warning, not an error with a stack", async () => {
    // A feature that trusts a form's hidden id, as a future one might: the dispatcher still answers.
    const lookup: Feature = {
      forms: [
        {
          formId: "lookup",
          audience: "anyone",
          run: async (ctx, values) => [say(String(await ctx.db.member.count({ where: { id: String(values.id) } })))],
        },
      ],
    };
    const ports = {
      claimEvent: async () => true,
      resolveActor: async () => actor,
      recordDenial: async () => {},
      continueOnboarding: async () => [],
    };
    const actor = {
      networkId: bot.networkId,
      memberId: "",
      identityId: "",
      displayName: "x",
      roles: [],
      status: "ACTIVE" as const,
      locale: "en" as const,
    };
    const trusting = createDispatcher({ db: bot.db.prisma, log: captured.log, features: [lookup], ports });
    const replies = await trusting(
      inbound("anyone", { kind: "form", formId: "lookup", values: { id: "x' OR 1=1--" } }),
    );
    expect(replies.map((r) => r.text)).toEqual([
      "I can’t use that: one of its values is not valid. Start again from the menu, or type “help”.",
    ]);
    expect(captured.lines().at(-1)).toMatchObject({ level: 40, code: "22P02", msg: "input refused by the database" });
  });

  it("the inbox asked since the year 0 answers (everything since the beginning)", async () => {
    for (const since of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00"]) {
      const res = await app.inject({
        method: "GET",
        url: `/api/local/inbox?user=demo-coordinator&since=${encodeURIComponent(since)}`,
      });
      expect(res.statusCode).toBe(200);
    }
    expect(
      (await app.inject({ method: "GET", url: "/api/local/inbox?user=demo-coordinator&since=0000-01-01" })).statusCode,
    ).toBe(400);
  });

  it("none of the above logged an error", () => {
    expect(errorLines()).toEqual([]);
  });
});
