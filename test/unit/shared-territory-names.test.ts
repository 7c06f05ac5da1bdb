import { describe, expect, it } from "vitest";
import { comparableName, matchTerritoryName } from "../../src/shared/territory-names.ts";

const territories = [
  { id: "82", name: "Tarn-et-Garonne" },
  { id: "cc-qc", name: "Communauté de communes du Quercy Caussadais" },
  { id: "cc-tdc", name: "Communauté de communes Terres des Confluences" },
  { id: "ca-gm", name: "Communauté d'agglomération du Grand Montauban" },
  { id: "montauban", name: "Montauban" },
  { id: "moissac", name: "Moissac" },
  { id: "sng", name: "Saint-Nicolas-de-la-Grave" },
  { id: "sav", name: "Saint-Antonin-Noble-Val" },
  { id: "sap", name: "Saint-Porquier" },
  { id: "livrade", name: "Sainte-Livrade" },
  { id: "lavit", name: "L'Honor-de-Cos" },
];

const found = (typed: string) => {
  const match = matchTerritoryName(territories, typed);
  return match.kind === "found" ? match.territory.id : match;
};

describe("territory names as members type them", () => {
  it("accents, case, hyphens and apostrophes do not matter", () => {
    expect(found("tarn et garonne")).toBe("82");
    expect(found("SAINT NICOLAS DE LA GRAVE")).toBe("sng");
    expect(found("l honor de cos")).toBe("lavit");
    expect(found("L’Honor-de-Cos")).toBe("lavit");
    expect(comparableName("  Communauté d'agglomération  ")).toBe("communaute d agglomeration");
  });

  it("“St” and “Ste” name the same commune as “Saint” and “Sainte”", () => {
    expect(found("St-Nicolas-de-la-Grave")).toBe("sng");
    expect(found("st antonin noble val")).toBe("sav");
    expect(found("Ste Livrade")).toBe("livrade");
    expect(comparableName("Strasbourg")).toBe("strasbourg");
  });

  it("the exact name wins over a name that contains it: Montauban the commune, not the Grand Montauban", () => {
    expect(found("montauban")).toBe("montauban");
  });

  it("an intercommunality is found without its “Communauté de communes du”", () => {
    expect(found("Quercy Caussadais")).toBe("cc-qc");
    expect(found("terres des confluences")).toBe("cc-tdc");
    expect(found("grand montauban")).toBe("ca-gm");
  });

  it("words that several names contain are ambiguous, with those names", () => {
    expect(matchTerritoryName(territories, "saint")).toEqual({
      kind: "ambiguous",
      names: ["Saint-Nicolas-de-la-Grave", "Saint-Antonin-Noble-Val", "Saint-Porquier"],
    });
  });

  it("an unknown name offers the three closest names, a misspelling first", () => {
    const match = matchTerritoryName(territories, "moisac");
    expect(match.kind).toBe("unknown");
    expect(match.kind === "unknown" && match.closest[0]).toBe("Moissac");
    expect(match.kind === "unknown" && match.closest).toHaveLength(3);
  });

  it("an empty name finds nothing", () => {
    expect(matchTerritoryName(territories, "  ").kind).toBe("unknown");
  });
});
