import { describe, expect, it } from "vitest";
import type { CalendarDay } from "../../src/calendar/paris.ts";
import type { Fiche } from "../../src/features/progress/fiches.ts";
import { readProgressLine } from "../../src/features/progress/line.ts";

const fiche = (planCode: string, code: string): Fiche => ({
  id: `${planCode}/${code}`,
  code,
  title: `Fiche ${code}`,
  planId: planCode,
  planCode,
  axisNumber: Number(code[0]),
  indicators: [],
});
const FICHES = [
  fiche("CLS-TDC", "1.1.2"),
  fiche("CLS-TDC", "2.1.1"),
  fiche("CLS-TDC", "3.2.1"),
  fiche("SDAASP-82", "2.1"),
  fiche("SDAASP-82", "3.1"),
];
/** Monday 23 November 2026. */
const TODAY: CalendarDay = { year: 2026, month: 11, day: 23 };
const read = (text: string) => readProgressLine(text, TODAY, FICHES);
const codes = (text: string) => {
  const reading = read(text).fiche;
  return reading.kind === "found" ? reading.fiches.map((f) => f.id) : reading.kind;
};

describe("reading a progress line", () => {
  it("finds the fiche by its code anywhere, with or without its plan", () => {
    expect(codes("commission santé tenue 1.1.2, 18 présents")).toEqual(["CLS-TDC/1.1.2"]);
    expect(codes("2.1 soirée d'accueil des internes")).toEqual(["SDAASP-82/2.1"]);
    expect(codes("SDAASP-82 3.1 rencontre du réseau")).toEqual(["SDAASP-82/3.1"]);
    expect(codes("newsletter 2.1.1 et forum 3.2.1")).toEqual(["CLS-TDC/2.1.1", "CLS-TDC/3.2.1"]);
    expect(codes("forum santé 120 participants")).toBe("none");
    expect(read("point CLS 2.1").fiche).toMatchObject({ kind: "unknown", code: "2.1", plans: ["CLS-TDC"] });
  });

  it("takes a number followed by a word as a count, but not a rank, hours or euros", () => {
    expect(read("commission santé tenue 1.1.2, 18 présents").counts).toEqual([{ value: 18, words: ["presents"] }]);
    expect(read("newsletter n°2 publiée 2.1.1").counts).toEqual([]);
    expect(read("newsletter n° 3 publiée").counts).toEqual([]);
    expect(read("forum de 3 heures, 25 participants, budget 500 euros").counts).toEqual([
      { value: 25, words: ["participants"] },
    ]);
    expect(read("forum 120").counts).toEqual([]);
  });

  it("reads the day as the latest such day, never a code as a date", () => {
    expect(read("forum santé hier 120 participants").days).toEqual([{ year: 2026, month: 11, day: 22 }]);
    expect(read("commission 12/11 1.1.2").days).toEqual([{ year: 2026, month: 11, day: 12 }]);
    expect(read("commission 12.11 tenue").days).toEqual([{ year: 2026, month: 11, day: 12 }]);
    expect(read("réunion 2.1").days).toEqual([]);
    expect(read("réunion lundi 2.1").days).toEqual([{ year: 2026, month: 11, day: 16 }]);
    expect(read("forum le 12 novembre, 40 participants").days).toEqual([{ year: 2026, month: 11, day: 12 }]);
    expect(read("forum le 12 novembre, 40 participants").counts).toEqual([{ value: 40, words: ["participants"] }]);
    expect(read("commission 12/11 puis 14/11").days).toHaveLength(2);
  });
});
