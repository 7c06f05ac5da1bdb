import { describe, expect, it } from "vitest";
import { formatClock, isoDay } from "../../src/shared/dates.ts";
import { isUuid } from "../../src/shared/ids.ts";
import { createSerialQueue } from "../../src/shared/serial-queue.ts";
import { formatNames, slug } from "../../src/shared/text.ts";

describe("shared helpers", () => {
  it("a day reads as 2026-03-05, zero-padded", () => {
    expect(isoDay({ year: 2026, month: 3, day: 5 })).toBe("2026-03-05");
    expect(isoDay({ year: 2026, month: 11, day: 23 })).toBe("2026-11-23");
  });

  it("minutes after midnight read as a 24-hour clock", () => {
    expect(formatClock(0)).toBe("00:00");
    expect(formatClock(20 * 60 + 5)).toBe("20:05");
  });

  it("a file name keeps letters and digits of a name, without accents", () => {
    expect(slug("Terres des Confluences")).toBe("terres-des-confluences");
    expect(slug("  Soirée d'accueil — Novembre 2026! ")).toBe("soiree-d-accueil-novembre-2026");
    expect(slug("!!!")).toBe("");
  });

  it("names read as a list in the member's language, or the given word for none", () => {
    expect(formatNames(["Sophie", "Julien", "Thomas"], "fr", "personne")).toBe("Sophie, Julien et Thomas");
    expect(formatNames(["Sophie", "Julien"], "en", "nobody")).toBe("Sophie and Julien");
    expect(formatNames([], "fr", "personne")).toBe("personne");
  });

  it("a button's id is looked up only when it is a UUID", () => {
    expect(isUuid("3f2b8c1e-9d4a-4e7b-b6c5-0a1d2e3f4a5b")).toBe(true);
    expect(isUuid("3F2B8C1E-9D4A-4E7B-B6C5-0A1D2E3F4A5B")).toBe(true);
    expect(isUuid("------------------------------------")).toBe(false);
    expect(isUuid("3f2b8c1e-9d4a-4e7b-b6c5-0a1d2e3f4a5")).toBe(false);
    expect(isUuid("")).toBe(false);
  });
});

describe("keyed serial queue", () => {
  const later = <T>(value: T, log: string[], name: string) =>
    new Promise<T>((resolve) => setImmediate(() => (log.push(name), resolve(value))));

  it("runs one key's work in the order given, each after the previous has finished", async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const slow = () => new Promise<string>((resolve) => setTimeout(() => (log.push("first"), resolve("a")), 20));
    const results = await Promise.all([
      queue.run("k", slow),
      queue.run("k", () => later("b", log, "second")),
      queue.run("k", () => later("c", log, "third")),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["first", "second", "third"]);
  });

  it("a failure is handed to its caller and does not hold back the key's next work", async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const failed = queue.run("k", async () => {
      throw new Error("boom");
    });
    const next = queue.run("k", () => later("after", log, "next"));
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
  });

  it("other keys do not wait, and a key is forgotten once its work is done", async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const held = queue.run("a", () => new Promise<void>((resolve) => (release = resolve)));
    await queue.run("b", () => later("b", log, "b ran while a waits"));
    expect(log).toEqual(["b ran while a waits"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.busyKeys).toBe(1);
    release();
    await held;
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.busyKeys).toBe(0);
  });
});
