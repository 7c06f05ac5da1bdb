import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/core/dispatch.ts";
import { AppError } from "../../src/core/errors.ts";
import { recordDenial } from "../../src/features/audit/record.ts";
import { createActorResolver } from "../../src/features/identity/resolve-actor.ts";
import { claimInboundEvent } from "../../src/features/inbound/claim-event.ts";
import { continueOnboarding } from "../../src/features/onboarding/feature.ts";
import { createTestBot, inbound, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

function dispatcherWith(run: () => Promise<never>) {
  const lines: string[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => void lines.push(line) });
  const dispatch = createDispatcher({
    db: bot.db.prisma,
    log,
    ports: { claimEvent: claimInboundEvent, resolveActor: createActorResolver(), recordDenial, continueOnboarding },
    features: [{ commands: [{ name: "boom", words: "commands.help.words", summary: "commands.help.summary", audience: "member", run }] }],
  });
  return { dispatch, lines };
}

describe("errors while handling a message", () => {
  it("an unexpected failure gives the member a short apology with a reference, and the log has the details", async () => {
    const { dispatch, lines } = dispatcherWith(() => Promise.reject(new Error("database on fire")));
    const [reply] = await dispatch(inbound("demo-adviser", "aide"));
    const reference = /référence à un coordinateur : ([0-9a-f]{8})\./.exec(reply!.text)?.[1];
    expect(reference).toBeDefined();
    expect(reply!.text).not.toContain("fire");
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({ reference, err: { message: "database on fire" } });
  });

  it("an expected failure is the member's sentence, in their language", async () => {
    const { dispatch, lines } = dispatcherWith(() => Promise.reject(new AppError("stale_action", "roleRequests.alreadyDecided")));
    const [reply] = await dispatch(inbound("demo-intern", "help"));
    expect(reply!.text).toBe("That request has already been decided.");
    expect(lines).toEqual([]);
  });
});
