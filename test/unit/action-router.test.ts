import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createActionRouter } from "../../src/core/action-router.ts";
import { count, none, on, pressId, uuid, verb } from "../../src/core/actions.ts";
import { say } from "../../src/core/reply.ts";

const ID = "3f2b8c1e-9d4a-4e7b-b6c5-0a1d2e3f4a5b";
const list = verb("demo.list", "member", z.tuple([uuid, count.optional()]), { was: "dm:l" });
const home = verb("demo.home", "member", none, { was: "dm:h:x" });
const reply = () => Promise.resolve([say("ok")]);
const route = createActionRouter([{ actions: [on(list, reply), on(home, reply)] }]);

describe("choice ids: built from a verb, parsed back by the dispatcher", () => {
  it("an id a verb builds is readable and comes back as the verb with its typed parameters", () => {
    expect(pressId(list, ID, 2)).toBe(`demo.list:${ID}:2`);
    expect(route(pressId(list, ID, 2))).toMatchObject({
      handler: { verb: { id: "demo.list" } },
      params: [ID, 2],
    });
    expect(route(pressId(list, ID))).toMatchObject({ params: [ID] });
    expect(route(pressId(home))).toMatchObject({ handler: { verb: { id: "demo.home" } }, params: [] });
  });

  it("a button sent under the earlier spelling still presses its verb", () => {
    expect(route(`dm:l:${ID}:3`)).toMatchObject({ handler: { verb: { id: "demo.list" } }, params: [ID, 3] });
    expect(route("dm:h:x")).toMatchObject({ handler: { verb: { id: "demo.home" } }, params: [] });
  });

  it("an unknown verb, a malformed parameter or one too many is a stale button", () => {
    expect(route(`demo.gone:${ID}`)).toBeUndefined();
    expect(route("demo.list:not-an-id")).toBeUndefined();
    expect(route(`demo.list:${ID}:-1`)).toBeUndefined();
    expect(route(`demo.home:${ID}`)).toBeUndefined();
    expect(route(`dm:h:y`)).toBeUndefined();
  });

  it("parameters the verb refuses, or two features claiming one id, fail where they are written", () => {
    expect(() => pressId(list, "not-an-id")).toThrow(/parameters refused by demo.list/);
    expect(() => verb("Demo:list", "member", none)).toThrow(/verb id/);
    expect(() => createActionRouter([{ actions: [on(list, reply)] }, { actions: [on(list, reply)] }])).toThrow(
      /Two handlers for demo.list/,
    );
  });
});
