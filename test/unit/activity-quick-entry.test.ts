import { describe, expect, it } from "vitest";
import { officialTerritories } from "../../src/admin/geography.ts";
import type { CalendarDay } from "../../src/calendar/paris.ts";
import type { ActivityDraft, KnownPlace } from "../../src/features/activities/draft.ts";
import { parseQuickEntry } from "../../src/features/activities/quick-entry.ts";

// The places of the demo network: its organisations (prisma/seed/demo/organisations.csv, by a short
// id) and the communes of the 82 from the official geography, plus two support sites the advisers
// of issue 6 name in their examples and the demo does not have.
const organisations: [string, string][] = [
  ["cd82-dsat", "Conseil départemental de Tarn-et-Garonne – Direction Solidarité Attractivité territoriales (DSAT)"],
  [
    "fs-itinerante-82",
    "France Services itinérante du Conseil départemental (cellule « proximité des services publics »)",
  ],
  ["mds-montauban-les-chenes", "Maison départementale des solidarités de Montauban – site « Les Chênes »"],
  ["mds-moissac-castelsarrasin", "Maison départementale des solidarités de Moissac / Castelsarrasin"],
  ["mediatheques-82", "Réseau des médiathèques de Tarn-et-Garonne"],
  ["tga", "Tarn-et-Garonne Aménagement (TGA)"],
  ["apas-82", "APAS 82"],
  ["ca-grand-montauban", "Communauté d'agglomération du Grand Montauban"],
  ["cc-terres-des-confluences", "Communauté de communes Terres des Confluences (CCTC)"],
  ["ch-montauban", "Centre hospitalier de Montauban"],
  ["chic-castelsarrasin-moissac", "Centre hospitalier intercommunal (CHIC) de Castelsarrasin-Moissac"],
  ["cpts-quercy-garonne", "CPTS Quercy Garonne"],
  ["msp-moissac", "Maison de santé pluriprofessionnelle (MSP) de Moissac"],
  ["msp-valence", "Maison de santé pluriprofessionnelle (MSP) de Valence"],
  ["csp-canal-a-laronne", "Centre de santé Canal à Laronne"],
];
const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
const places: KnownPlace[] = [
  ...organisations.map(([id, name]) => ({ kind: "organisation" as const, id, name })),
  ...officialTerritories(["82"])
    .filter((t) => t.kind === "COMMUNE")
    .map((t) => ({ kind: "commune" as const, id: `com-${slug(t.name)}`, name: t.name })),
  { kind: "organisation", id: "mediatheque-montech", name: "Médiathèque de Montech" },
  { kind: "organisation", id: "fs-lafrancaise", name: "France Services de Lafrançaise" },
];

/** Wednesday 18 November 2026, unless a case says otherwise. */
const WEDNESDAY: CalendarDay = { year: 2026, month: 11, day: 18 };

interface Case {
  input: string;
  today?: CalendarDay;
  draft: ActivityDraft;
  unread?: string[];
  /** The questions expected, each as its field and the values offered, in order. */
  asks?: { field: keyof ActivityDraft; values: Partial<ActivityDraft>[] }[];
}

const montech = {
  field: "place" as const,
  values: [
    { place: "SUPPORT_SITE" as const, organisationId: "mediatheque-montech" },
    { place: "OTHER_PLACE" as const, territoryId: "com-montech" },
  ],
};
const smartphone = { themes: ["equipment" as const], equipment: ["smartphone" as const] };

const everyday: Case[] = [
  {
    input: "atelier 8 pers 2h Montech smartphone hier",
    draft: { kind: "COLLECTIVE", participants: 8, durationMin: 120, date: "2026-11-17", ...smartphone },
    asks: [montech],
  },
  {
    input: "accompagnement 45min ameli médiathèque de montech",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 45,
      place: "SUPPORT_SITE",
      organisationId: "mediatheque-montech",
      themes: ["procedures"],
      procedures: ["health_insurance"],
    },
  },
  {
    input: "rdv 1h30 domicile Caussade tablette",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 90,
      place: "HOME",
      territoryId: "com-caussade",
      themes: ["equipment"],
      equipment: ["tablet"],
    },
  },
  { input: "question rapide mot de passe 15 min", draft: { kind: "ONE_OFF", durationMin: 15, themes: ["security"] } },
  { input: "visio 30mn cv", draft: { place: "REMOTE", durationMin: 30, themes: ["employment"] } },
  {
    input: "atelier initiation mail 6 participants lundi",
    draft: { kind: "COLLECTIVE", workshopLevel: "beginner", themes: ["email"], participants: 6, date: "2026-11-16" },
  },
  {
    input: "12/11 atelier 10 pers 2h FS Lafrançaise impôts",
    draft: {
      date: "2026-11-12",
      kind: "COLLECTIVE",
      participants: 10,
      durationMin: 120,
      place: "SUPPORT_SITE",
      organisationId: "fs-lafrancaise",
      themes: ["procedures"],
      procedures: ["tax"],
    },
  },
  {
    input: "accomp 1h MSP Moissac doctolib",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 60,
      place: "SUPPORT_SITE",
      organisationId: "msp-moissac",
      themes: ["health"],
    },
  },
  {
    input: "atelier 12 p 2h30 CH Montauban santé",
    draft: {
      kind: "COLLECTIVE",
      participants: 12,
      durationMin: 150,
      place: "SUPPORT_SITE",
      organisationId: "ch-montauban",
      themes: ["health"],
    },
  },
  {
    input: "ponctuel caf 20 min",
    draft: { kind: "ONE_OFF", durationMin: 20, themes: ["procedures"], procedures: ["caf"] },
  },
  {
    input: "rdv tel 30 min retraite",
    draft: { kind: "INDIVIDUAL", place: "REMOTE", durationMin: 30, themes: ["procedures"], procedures: ["pension"] },
  },
  {
    input: "accompagnement collectif 5 pers 1h30 whatsapp",
    draft: { kind: "COLLECTIVE", participants: 5, durationMin: 90, themes: ["social_networks"] },
  },
  {
    input: "rdv ordi portable 1h",
    draft: { kind: "INDIVIDUAL", durationMin: 60, themes: ["equipment"], equipment: ["computer"] },
  },
  { input: "ants carte grise 45 min", draft: { themes: ["procedures"], procedures: ["vehicle"], durationMin: 45 } },
  {
    input: "atelier 6 seniors arnaques 2h mds montauban",
    draft: {
      kind: "COLLECTIVE",
      participants: 6,
      ageBrackets: { "60_plus": 6 },
      themes: ["security"],
      durationMin: 120,
      place: "SUPPORT_SITE",
      organisationId: "mds-montauban-les-chenes",
    },
  },
  {
    input: "atelier une heure et demie excel débutants",
    draft: { kind: "COLLECTIVE", durationMin: 90, themes: ["office"], workshopLevel: "beginner" },
  },
  { input: "accompagnement une demi-heure pdf", draft: { kind: "INDIVIDUAL", durationMin: 30, themes: ["files"] } },
  {
    input: "x8 atelier 1,5 h réseaux sociaux hier après-midi",
    draft: { participants: 8, kind: "COLLECTIVE", durationMin: 90, themes: ["social_networks"], date: "2026-11-17" },
  },
  {
    input: "atelier chatgpt 10 participants 2h le 3",
    draft: { kind: "COLLECTIVE", themes: ["ai"], participants: 10, durationMin: 120, date: "2026-11-03" },
  },
  { input: "atelier 2 h 8 pers", draft: { kind: "COLLECTIVE", durationMin: 120, participants: 8 } },
  {
    input: "accompagnement 45 mn mail, scanner et pdf à domicile Lavit",
    draft: { kind: "INDIVIDUAL", durationMin: 45, themes: ["email", "files"], place: "HOME", territoryId: "com-lavit" },
  },
  {
    input: "aujourd'hui atelier 2h 7 pers pronote",
    draft: { date: "2026-11-18", kind: "COLLECTIVE", durationMin: 120, participants: 7, themes: ["school"] },
  },
  {
    input: "accomp avant-hier 1h impôts orienté france services",
    draft: {
      kind: "INDIVIDUAL",
      date: "2026-11-16",
      durationMin: 60,
      themes: ["procedures"],
      procedures: ["tax"],
      referred: true,
      referralKind: "public_service",
    },
  },
  {
    input: "atelier 15 personnes 3h Beaumont-de-Lomagne sécurité",
    draft: {
      kind: "COLLECTIVE",
      participants: 15,
      durationMin: 180,
      place: "OTHER_PLACE",
      territoryId: "com-beaumont-de-lomagne",
      themes: ["security"],
    },
  },
  {
    input: "rdv 1h chez la personne Bruniquel ameli",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 60,
      place: "HOME",
      territoryId: "com-bruniquel",
      themes: ["procedures"],
      procedures: ["health_insurance"],
    },
  },
  {
    input: "atelier 9 pers 2h à Saint-Nicolas-de-la-Grave navigation internet",
    draft: {
      kind: "COLLECTIVE",
      participants: 9,
      durationMin: 120,
      place: "OTHER_PLACE",
      territoryId: "com-saint-nicolas-de-la-grave",
      themes: ["browsing"],
    },
  },
  {
    input: "atelier 4 pers 1h30 la ville dieu du temple",
    draft: {
      kind: "COLLECTIVE",
      participants: 4,
      durationMin: 90,
      place: "OTHER_PLACE",
      territoryId: "com-la-ville-dieu-du-temple",
    },
  },
  {
    input: "accompagnement 1h pas orienté autonome",
    draft: { kind: "INDIVIDUAL", durationMin: 60, referred: false, autonomy: "autonomous" },
  },
  {
    input: "accompagnement 1h15 carte d'identité orientée vers l'assistante sociale partiellement autonome",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 75,
      themes: ["procedures"],
      procedures: ["identity"],
      referred: true,
      referralKind: "social_worker",
      autonomy: "partly",
    },
  },
  {
    input: "atelier de perfectionnement word 4 pers 2h",
    draft: { kind: "COLLECTIVE", workshopLevel: "intermediate", themes: ["office"], participants: 4, durationMin: 120 },
  },
  {
    input: "accompagnement 45min ameli + doctolib",
    draft: { kind: "INDIVIDUAL", durationMin: 45, themes: ["procedures", "health"], procedures: ["health_insurance"] },
  },
  {
    input: "atelier 2h tga",
    draft: { kind: "COLLECTIVE", durationMin: 120, place: "SUPPORT_SITE", organisationId: "tga" },
  },
  {
    input: "ATELIER 8 PERS 2H MÉDIATHÈQUE DE MONTECH",
    draft: {
      kind: "COLLECTIVE",
      participants: 8,
      durationMin: 120,
      place: "SUPPORT_SITE",
      organisationId: "mediatheque-montech",
    },
  },
  {
    input: "accompagnement 90 min mediatheque montech leboncoin",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 90,
      place: "SUPPORT_SITE",
      organisationId: "mediatheque-montech",
      themes: ["banking_shopping"],
    },
  },
  {
    input: "rdv une heure trente france travail cv",
    draft: {
      kind: "INDIVIDUAL",
      durationMin: 90,
      themes: ["procedures", "employment"],
      procedures: ["employment_agency"],
    },
  },
  {
    input: "workshop 8 people 2 hours yesterday email",
    draft: { kind: "COLLECTIVE", participants: 8, durationMin: 120, date: "2026-11-17", themes: ["email"] },
  },
  {
    input: "atelier 6 pers 1h30min ce matin contrôle parental",
    draft: { kind: "COLLECTIVE", participants: 6, durationMin: 90, date: "2026-11-18", themes: ["parenting"] },
  },
  { input: "accompagnement 3/4 h photos clé usb", draft: { kind: "INDIVIDUAL", durationMin: 45, themes: ["files"] } },
  { input: "deux personnes atelier un quart d'heure", draft: { participants: 2, kind: "COLLECTIVE", durationMin: 15 } },
  {
    input: "atelier 8 pers 2h 12 novembre mise à jour windows",
    draft: { kind: "COLLECTIVE", participants: 8, durationMin: 120, date: "2026-11-12", themes: ["maintenance"] },
    unread: ["windows"],
  },
  {
    input: "j'ai fait un atelier de 2h avec 8 personnes âgées à Lavit sur la tablette",
    draft: {
      kind: "COLLECTIVE",
      durationMin: 120,
      participants: 8,
      ageBrackets: { "60_plus": 8 },
      place: "OTHER_PLACE",
      territoryId: "com-lavit",
      themes: ["equipment"],
      equipment: ["tablet"],
    },
  },
  {
    input: "Accompagnement d'1h sur Doctolib par téléphone",
    draft: { kind: "INDIVIDUAL", durationMin: 60, themes: ["health"], place: "REMOTE" },
  },
  {
    input: "Atelier: 8 pers., 2h, Moissac (smartphone) - hier.",
    draft: { kind: "COLLECTIVE", participants: 8, durationMin: 120, date: "2026-11-17", ...smartphone },
    asks: [
      {
        field: "place",
        values: [
          { place: "SUPPORT_SITE", organisationId: "mds-moissac-castelsarrasin" },
          { place: "SUPPORT_SITE", organisationId: "chic-castelsarrasin-moissac" },
          { place: "SUPPORT_SITE", organisationId: "msp-moissac" },
          { place: "OTHER_PLACE", territoryId: "com-moissac" },
        ],
      },
    ],
  },
  { input: "8 pers 2h smartphone", draft: { participants: 8, kind: "COLLECTIVE", durationMin: 120, ...smartphone } },
];

const asking: Case[] = [
  { input: "atelier 2h montech", draft: { kind: "COLLECTIVE", durationMin: 120 }, asks: [montech] },
  { input: "8 2h atelier", draft: { participants: 8, durationMin: 120, kind: "COLLECTIVE" } },
  {
    input: "atelier 8",
    draft: { kind: "COLLECTIVE" },
    asks: [{ field: "participants", values: [{ participants: 8 }, { durationMin: 480 }] }],
  },
  {
    input: "accompagnement 45",
    draft: { kind: "INDIVIDUAL" },
    asks: [{ field: "durationMin", values: [{ durationMin: 45 }] }],
  },
  { input: "8 2h", draft: { durationMin: 120 }, asks: [{ field: "participants", values: [{ participants: 8 }] }] },
  {
    input: "2 pers 1h tablette",
    draft: { participants: 2, durationMin: 60, themes: ["equipment"], equipment: ["tablet"] },
    asks: [{ field: "kind", values: [{ kind: "INDIVIDUAL" }, { kind: "COLLECTIVE" }] }],
  },
  {
    input: "accompagnement téléphone 30 min",
    draft: { kind: "INDIVIDUAL", durationMin: 30 },
    asks: [{ field: "place", values: [{ place: "REMOTE" }, smartphone] }],
  },
  {
    input: "accompagnement portable 1h",
    draft: { kind: "INDIVIDUAL", durationMin: 60, themes: ["equipment"] },
    asks: [{ field: "equipment", values: [{ equipment: ["smartphone"] }, { equipment: ["computer"] }] }],
  },
  {
    input: "accompagnement ants 1h",
    draft: { kind: "INDIVIDUAL", durationMin: 60, themes: ["procedures"] },
    asks: [{ field: "procedures", values: [{ procedures: ["identity"] }, { procedures: ["vehicle"] }] }],
  },
  {
    input: "atelier 2h Castelsarrasin",
    draft: { kind: "COLLECTIVE", durationMin: 120 },
    asks: [
      {
        field: "place",
        values: [
          { place: "SUPPORT_SITE", organisationId: "mds-moissac-castelsarrasin" },
          { place: "SUPPORT_SITE", organisationId: "chic-castelsarrasin-moissac" },
          { place: "OTHER_PLACE", territoryId: "com-castelsarrasin" },
        ],
      },
    ],
  },
  {
    input: "rdv 1 h 30 Valence France Travail",
    draft: { kind: "INDIVIDUAL", durationMin: 90, themes: ["procedures"], procedures: ["employment_agency"] },
    asks: [
      {
        field: "place",
        values: [
          { place: "SUPPORT_SITE", organisationId: "msp-valence" },
          { place: "OTHER_PLACE", territoryId: "com-valence" },
        ],
      },
    ],
  },
  {
    input: "accompagnement 1h msp",
    draft: { kind: "INDIVIDUAL", durationMin: 60 },
    asks: [
      {
        field: "place",
        values: [
          { place: "SUPPORT_SITE", organisationId: "msp-moissac" },
          { place: "SUPPORT_SITE", organisationId: "msp-valence" },
        ],
      },
    ],
  },
  {
    input: "ponctuel France Services 10 min caf",
    draft: { kind: "ONE_OFF", durationMin: 10, themes: ["procedures"], procedures: ["caf"] },
    asks: [
      {
        field: "place",
        values: [
          { place: "SUPPORT_SITE", organisationId: "fs-itinerante-82" },
          { place: "SUPPORT_SITE", organisationId: "fs-lafrancaise" },
        ],
      },
    ],
  },
  {
    input: "lundi 12 atelier",
    draft: { kind: "COLLECTIVE" },
    asks: [{ field: "date", values: [{ date: "2026-11-12" }, { date: "2026-11-16" }] }],
  },
  {
    input: "hier atelier 2h le 10",
    draft: { kind: "COLLECTIVE", durationMin: 120 },
    asks: [{ field: "date", values: [{ date: "2026-11-17" }, { date: "2026-11-10" }] }],
  },
  {
    input: "atelier 2h 1h30",
    draft: { kind: "COLLECTIVE" },
    asks: [{ field: "durationMin", values: [{ durationMin: 120 }, { durationMin: 90 }] }],
  },
  {
    input: "atelier accompagnement individuel 1h",
    draft: { durationMin: 60 },
    asks: [{ field: "kind", values: [{ kind: "COLLECTIVE" }, { kind: "INDIVIDUAL" }] }],
  },
  {
    input: "accompagnement domicile visio 1h",
    draft: { kind: "INDIVIDUAL", durationMin: 60 },
    asks: [{ field: "place", values: [{ place: "HOME" }, { place: "REMOTE" }] }],
  },
];

const days: Case[] = [
  {
    input: "atelier le 31",
    today: { year: 2026, month: 12, day: 2 },
    draft: { kind: "COLLECTIVE", date: "2026-10-31" },
  },
  {
    input: "atelier le 2",
    today: { year: 2026, month: 12, day: 2 },
    draft: { kind: "COLLECTIVE", date: "2026-12-02" },
  },
  {
    input: "rdv le 28 1h",
    today: { year: 2027, month: 1, day: 3 },
    draft: { kind: "INDIVIDUAL", date: "2026-12-28", durationMin: 60 },
  },
  {
    input: "31/12 atelier 2h",
    today: { year: 2027, month: 1, day: 2 },
    draft: { date: "2026-12-31", kind: "COLLECTIVE", durationMin: 120 },
  },
  {
    input: "hier rdv 1h",
    today: { year: 2027, month: 1, day: 1 },
    draft: { date: "2026-12-31", kind: "INDIVIDUAL", durationMin: 60 },
  },
  {
    input: "hier rdv 1h",
    today: { year: 2028, month: 3, day: 1 },
    draft: { date: "2028-02-29", kind: "INDIVIDUAL", durationMin: 60 },
  },
  {
    input: "rdv le 29 30 min",
    today: { year: 2027, month: 3, day: 1 },
    draft: { kind: "INDIVIDUAL", date: "2027-01-29", durationMin: 30 },
  },
  {
    input: "atelier lundi 2h",
    today: { year: 2026, month: 11, day: 16 },
    draft: { kind: "COLLECTIVE", date: "2026-11-09", durationMin: 120 },
  },
  {
    input: "vendredi dernier accompagnement 1h",
    today: { year: 2027, month: 1, day: 4 },
    draft: { date: "2027-01-01", kind: "INDIVIDUAL", durationMin: 60 },
  },
  { input: "1er décembre atelier", draft: { date: "2025-12-01", kind: "COLLECTIVE" } },
  { input: "atelier 12/11/2025 2h", draft: { kind: "COLLECTIVE", date: "2025-11-12", durationMin: 120 } },
  { input: "atelier 2026-11-05 2h", draft: { kind: "COLLECTIVE", date: "2026-11-05", durationMin: 120 } },
  { input: "atelier demain 2h", draft: { kind: "COLLECTIVE", date: "2026-11-19", durationMin: 120 } },
  { input: "atelier 31/11 2h", draft: { kind: "COLLECTIVE", durationMin: 120 }, unread: ["31/11"] },
];

const unreadOnes: Case[] = [
  {
    input: "atelier 8 pers 2h Montech smartphone hier avec Mme Dupont",
    draft: { kind: "COLLECTIVE", participants: 8, durationMin: 120, date: "2026-11-17", ...smartphone },
    unread: ["Mme", "Dupont"],
    asks: [montech],
  },
  { input: "atelier zumba 2h", draft: { kind: "COLLECTIVE", durationMin: 120 }, unread: ["zumba"] },
  {
    input: "atelier 8 pers 2h 2026",
    draft: { kind: "COLLECTIVE", participants: 8, durationMin: 120 },
    unread: ["2026"],
  },
  { input: "", draft: {} },
  // Out of range is still read: the report's rules refuse it with a sentence that says why.
  { input: "atelier 150 pers 14h", draft: { kind: "COLLECTIVE", participants: 150, durationMin: 840 } },
];

function check(cases: Case[]) {
  it.each(cases)("$input", ({ input, today, draft, unread, asks }) => {
    const result = parseQuickEntry(input, { today: today ?? WEDNESDAY, places });
    expect(result.draft).toEqual(draft);
    expect(result.unread).toEqual(unread ?? []);
    expect(result.ambiguities.map((a) => ({ field: a.field, values: a.options.map((o) => o.value) }))).toEqual(
      asks ?? [],
    );
  });
}

describe("the quick entry reads an activity report typed on one line", () => {
  describe("everyday phrasings", () => check(everyday));
  describe("what may be read two ways is asked, not guessed", () => check(asking));
  describe("days are the latest such day up to today", () => check(days));
  describe("words it cannot use are shown back", () => check(unreadOnes));

  it("has at least 50 phrasings", () => {
    expect(everyday.length + asking.length + days.length + unreadOnes.length).toBeGreaterThanOrEqual(50);
  });

  it("asks in French, naming the site and the commune", () => {
    const [question] = parseQuickEntry("atelier 2h montech", { today: WEDNESDAY, places }).ambiguities;
    expect(question).toEqual({
      field: "place",
      words: "montech",
      options: [
        {
          label: "Médiathèque de Montech (lieu d'accueil)",
          value: { place: "SUPPORT_SITE", organisationId: "mediatheque-montech" },
        },
        { label: "Ailleurs à Montech", value: { place: "OTHER_PLACE", territoryId: "com-montech" } },
      ],
    });
    const number = parseQuickEntry("atelier 8", { today: WEDNESDAY, places }).ambiguities[0]!;
    expect(number.options.map((o) => o.label)).toEqual(["8 participants", "8 h"]);
    const day = parseQuickEntry("lundi 12 atelier", { today: WEDNESDAY, places }).ambiguities[0]!;
    expect(day.options.map((o) => o.label)).toEqual(["jeudi 12 novembre 2026", "lundi 16 novembre 2026"]);
  });

  it("a place list without the commune leaves its name unread", () => {
    const result = parseQuickEntry("atelier 2h Montech", { today: WEDNESDAY, places: [] });
    expect(result).toEqual({ draft: { kind: "COLLECTIVE", durationMin: 120 }, unread: ["Montech"], ambiguities: [] });
  });
});
