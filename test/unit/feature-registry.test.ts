import { describe, expect, it } from "vitest";
import { botCounters, botFeatures, botJobs, botViews } from "../../src/bot.ts";
import { normaliseWord, wordsOf } from "../../src/core/command-words.ts";
import { mergeByName, uniqueByName } from "../../src/core/feature-registry.ts";
import { LOCALES } from "../../src/core/i18n.ts";
import { broadcastViews } from "../../src/features/broadcasts/feature.ts";
import { deadlineViews } from "../../src/features/deadlines/feature.ts";
import { digestViews } from "../../src/features/digest/views.ts";
import { internScheduleViews } from "../../src/features/interns/schedule/feature.ts";

/** The names used more than once in `names`. */
function repeated(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

describe("the features gathered by the composition root", () => {
  it("no two commands answer to the same word, in any language", () => {
    const commands = botFeatures.flatMap((f) => f.commands ?? []);
    for (const locale of LOCALES) {
      const words = commands.flatMap((c) => [...new Set(wordsOf(c, locale).map(normaliseWord))]);
      expect(repeated(words), locale).toEqual([]);
    }
  });

  it("each action verb (and its earlier spelling), form, job, counter and view belongs to one feature", () => {
    const actionKeys = (a: NonNullable<(typeof botFeatures)[number]["actions"]>[number]) => [
      a.verb.id,
      ...(a.verb.was ? [a.verb.was] : []),
    ];
    expect(repeated(botFeatures.flatMap((f) => f.actions ?? []).flatMap(actionKeys))).toEqual([]);
    expect(repeated(botFeatures.flatMap((f) => f.forms ?? []).map((f) => f.formId))).toEqual([]);
    expect(repeated(botFeatures.flatMap((f) => f.jobs ?? []).map((j) => j.name))).toEqual([]);
    expect(repeated(botFeatures.flatMap((f) => Object.keys(f.counters ?? {})))).toEqual([]);
    expect(repeated(botFeatures.flatMap((f) => Object.keys(f.views ?? {})))).toEqual([]);
  });

  it("the scheduler runs the maintenance job and every feature's jobs", () => {
    expect(
      botJobs({} as never, { platforms: ["local"] })
        .map((j) => j.name)
        .sort(),
    ).toEqual([
      "apply-retention",
      "intern-purge-notices",
      "intern-schedule",
      "prune-expired-rows",
      "purge-expired-interns",
      "roll-over-recurring-deadlines",
      "weekly-digest",
    ]);
  });

  it("the sender knows every feature's live views", () => {
    expect(Object.keys(botViews).sort()).toEqual(
      Object.keys({ ...deadlineViews, ...broadcastViews, ...digestViews, ...internScheduleViews }).sort(),
    );
  });

  it("indicators naming an event type or the mission accueil's kind are counted by the features' counters", () => {
    expect(Object.keys(botCounters).sort()).toEqual([
      "eventType:COUNT_ANIMATIONS",
      "eventType:COUNT_ATTENDANCE",
      "eventType:COUNT_EVENTS",
      "eventType:COUNT_PARTICIPANTS",
      "eventType:COUNT_PARTNERS",
      "kind:INTERN_WELCOME:COUNT_REQUESTS",
    ]);
  });

  it("a name two features contribute stops the bot at start-up", () => {
    const view = async () => null;
    expect(() => mergeByName("view", [{ progress: view }, undefined, { progress: view }])).toThrow(
      'Two features contribute the view "progress"',
    );
    expect(() => uniqueByName("job", [{ name: "digest" }, { name: "digest" }])).toThrow(
      'Two features contribute the job "digest"',
    );
    expect(mergeByName("view", [{ a: 1 }, { b: 2 }])).toEqual({ a: 1, b: 2 });
  });
});
