import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { on, uuid, verb } from "../../src/core/actions.ts";
import type { Feature } from "../../src/core/commands.ts";
import { createDispatcher } from "../../src/core/dispatch.ts";
import { AppError } from "../../src/core/errors.ts";
import { say } from "../../src/core/reply.ts";
import { continueOnboarding } from "../../src/features/onboarding/feature.ts";
import { recordDenial } from "../../src/services/audit/record.ts";
import { createActorResolver } from "../../src/services/identity/resolve-actor.ts";
import { claimInboundEvent } from "../../src/services/inbound/claim-event.ts";
import { action, createTestBot, inbound, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

function dispatcherWith(run: () => Promise<never>, extra: Feature[] = []) {
  const lines: string[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => void lines.push(line) });
  const dispatch = createDispatcher({
    db: bot.db.prisma,
    log,
    ports: { claimEvent: claimInboundEvent, resolveActor: createActorResolver(), recordDenial, continueOnboarding },
    features: [
      {
        commands: [
          { name: "boom", words: "commands.help.words", summary: "commands.help.summary", audience: "member", run },
        ],
      },
      ...extra,
    ],
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
    const { dispatch, lines } = dispatcherWith(() =>
      Promise.reject(new AppError("stale_action", "roleRequests.alreadyDecided")),
    );
    const [reply] = await dispatch(inbound("demo-intern", "help"));
    expect(reply!.text).toBe("That request has already been decided.");
    expect(lines).toEqual([]);
  });
});

describe("pressed choices", () => {
  const ID = "3f2b8c1e-9d4a-4e7b-b6c5-0a1d2e3f4a5b";
  const open = verb("demo.open", "member", z.tuple([uuid]));
  const opened: string[] = [];
  // Only the thing whose id starts with 3f may be opened: a check beyond roles, as "organiser of this event".
  const feature: Feature = {
    actions: [
      on(
        open,
        (_, [id]) => (opened.push(id), Promise.resolve([say("opened")])),
        (_, [id]) => Promise.resolve(id.startsWith("3f")),
      ),
    ],
  };
  const dispatch: ReturnType<typeof dispatcherWith>["dispatch"] = (inbound) =>
    dispatcherWith(() => Promise.reject(new Error("unused")), [feature]).dispatch(inbound);

  it("a verb's own check refusing a press answers like a role refusal and is audited", async () => {
    const other = ID.replace("3f", "4f");
    const [reply] = await dispatch(inbound("demo-adviser", action(`demo.open:${other}`)));
    expect(reply!.text).toBe(
      "Cette commande est réservée aux membres du réseau. Si vous en avez besoin, demandez à un coordinateur du réseau.",
    );
    expect(opened).toEqual([]);
    expect(await bot.db.prisma.auditLog.count({ where: { action: "action:demo.open", outcome: "denied" } })).toBe(1);
    expect((await dispatch(inbound("demo-adviser", action(`demo.open:${ID}`))))[0]!.text).toBe("opened");
    expect(opened).toEqual([ID]);
  });

  it("an unknown or malformed id is answered as a stale button, through the one error", async () => {
    for (const id of ["demo.shut:x", "demo.open:not-an-id", `demo.open:${ID}:extra`]) {
      expect((await dispatch(inbound("demo-adviser", action(id))))[0]!.text).toBe(
        "Ce bouton n’est plus valable. Voici où nous en sommes :",
      );
    }
  });
});
