import { describe, expect, it } from "vitest";
import { allCounterNames, countingOf } from "../../src/admin/plan/counters.ts";
import { botCounters } from "../../src/bot.ts";
import { counterFor, provideCounters } from "../../src/features/indicators/counters.ts";

provideCounters(botCounters);

describe("the calcul names of a plan file", () => {
  it("each name plan counters lists is counted by one of the bot's counters", () => {
    const names = allCounterNames();
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      const counting = countingOf(name);
      expect(counting, name).toBeDefined();
      expect(counterFor(counting!.computation, counting!.filter), name).toBeDefined();
    }
  });

  it("reads the demo plan's counters under their French names", () => {
    expect(countingOf("demandes-accueil")).toEqual({
      computation: "COUNT_REQUESTS",
      filter: { kind: "INTERN_WELCOME" },
    });
    expect(countingOf("evenements:soiree-accueil")).toEqual({
      computation: "COUNT_EVENTS",
      filter: { eventType: "WELCOME_EVENING" },
    });
    expect(countingOf("evenements:groupe-travail:INTERN_HOUSING")).toEqual({
      computation: "COUNT_EVENTS",
      filter: { eventType: "WORKING_GROUP", topic: "INTERN_HOUSING" },
    });
    expect(countingOf("membres:conseiller-numerique")).toEqual({
      computation: "COUNT_MEMBERS",
      filter: { role: "DIGITAL_ADVISER" },
    });
    expect(countingOf("activites:theme:procedures")).toEqual({
      computation: "COUNT_ACTIVITIES",
      filter: { topic: "procedures" },
    });
    expect(countingOf("presences:commission-sante")).toEqual({
      computation: "COUNT_ATTENDANCE",
      filter: { eventType: "HEALTH_COMMITTEE" },
    });
    expect(countingOf("mois-numerique:partenaires")).toEqual({
      computation: "COUNT_PARTNERS",
      filter: { eventType: "MOIS_DU_NUMERIQUE" },
    });
    expect(countingOf("")).toEqual({ computation: "MANUAL", filter: {} });
  });

  it("refuses what it does not know", () => {
    for (const name of [
      "evenement:forum-sante",
      "activites:atelier:x",
      "membres:maire",
      "mois-numerique",
      "participants:theme:ai",
      "evenements:inconnu",
    ])
      expect(countingOf(name), name).toBeUndefined();
  });
});
