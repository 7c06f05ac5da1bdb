// The words of a quick entry and what each says about the report. Phrases are written as
// advisers type them; accents, case and inner "de/la/à…" do not matter (see quick-entry-text.ts).
import type { ActivityKind, Equipment, ProcedureDomain, Theme } from "./catalogue.ts";
import { PhraseTable } from "./quick-entry-text.ts";

/** What a phrase says. A "strong" kind word names the kind; a weak one ("accompagnement", "rdv") yields to it. */
export type Sense =
  | { kind: ActivityKind; strong: boolean }
  | { theme: Theme; procedure?: ProcedureDomain; equipment?: Equipment }
  | { place: "HOME" | "REMOTE" }
  | { level: "beginner" | "intermediate" | "advanced" }
  | { autonomy: "not_autonomous" | "partly" | "autonomous" }
  | { ask: "telephone" | "portable" | "ants" };

const strong = (kind: ActivityKind): Sense => ({ kind, strong: true });
const weak = (kind: ActivityKind): Sense => ({ kind, strong: false });
const theme = (code: Theme, extra: { procedure?: ProcedureDomain; equipment?: Equipment } = {}): Sense => ({
  theme: code,
  ...extra,
});
const procedure = (domain: ProcedureDomain | undefined): Sense =>
  domain ? { theme: "procedures", procedure: domain } : { theme: "procedures" };
const all = <T>(phrases: string, meaning: T): [string, T][] => phrases.split("|").map((phrase) => [phrase, meaning]);

export const SENSES = new PhraseTable<Sense>([
  ...all<Sense>(
    "atelier|ateliers|collectif|collective|atelier collectif|séance collective|groupe|en groupe|workshop|group session",
    strong("COLLECTIVE"),
  ),
  ...all<Sense>("individuel|individuelle|accompagnement individuel|one-to-one|individual", strong("INDIVIDUAL")),
  ...all<Sense>(
    "accompagnement|accomp|accomp.|accompt|rdv|rendez-vous|perso|suivi|support session",
    weak("INDIVIDUAL"),
  ),
  ...all<Sense>(
    "ponctuel|ponctuelle|demande ponctuelle|question rapide|aide ponctuelle|dépannage rapide|quick question|one-off",
    strong("ONE_OFF"),
  ),

  ...all<Sense>("domicile|à domicile|chez la personne|chez l'usager|chez elle|chez lui|chez eux|at home|home visit", {
    place: "HOME",
  }),
  ...all<Sense>(
    "à distance|distance|distanciel|visio|visioconférence|en visio|tel|tél|au tel|par tel|au téléphone|par téléphone|appel téléphonique|remote|by phone|phone call|video call",
    { place: "REMOTE" },
  ),
  ["téléphone", { ask: "telephone" }],
  ["portable", { ask: "portable" }],
  ["ants", { ask: "ants" }],

  ...all<Sense>(
    "smartphone|smartphones|téléphone portable|tel portable|tél portable|mobile|iphone|android",
    theme("equipment", { equipment: "smartphone" }),
  ),
  ...all<Sense>(
    "ordi|ordinateur|ordinateurs|pc|ordinateur portable|ordi portable|pc portable|laptop|computer",
    theme("equipment", { equipment: "computer" }),
  ),
  ...all<Sense>("tablette|tablettes|ipad|tablet", theme("equipment", { equipment: "tablet" })),
  ...all<Sense>("prise en main|prise en main de l'outil", theme("equipment")),
  ...all<Sense>(
    "mise à jour|mises à jour|maj|entretien|nettoyage|stockage|sauvegarde|maintenance",
    theme("maintenance"),
  ),
  ...all<Sense>(
    "mail|mails|courriel|courriels|email|emails|e-mail|messagerie|gmail|pièce jointe|pièces jointes",
    theme("email"),
  ),
  ...all<Sense>("pdf|fichier|fichiers|scanner|scan|numériser|documents|document|clé usb|photos", theme("files")),
  ...all<Sense>("navigation|internet|navigateur|recherche internet|google|web", theme("browsing")),
  ...all<Sense>("word|excel|bureautique|traitement de texte|tableur|libreoffice", theme("office")),
  ...all<Sense>(
    "réseaux sociaux|réseau social|facebook|whatsapp|instagram|messenger|tiktok|social media",
    theme("social_networks"),
  ),
  ...all<Sense>("doctolib|santé|mon espace santé|dossier médical|téléconsultation|health", theme("health")),
  ...all<Sense>(
    "banque|bancaire|appli bancaire|achats en ligne|achat en ligne|paiement en ligne|leboncoin|vinted|online banking",
    theme("banking_shopping"),
  ),
  ...all<Sense>("professionnel|entreprise|auto-entrepreneur|micro-entreprise", theme("professional")),
  ...all<Sense>("cv|emploi|recherche d'emploi|lettre de motivation|indeed|job", theme("employment")),
  ...all<Sense>(
    "arnaque|arnaques|phishing|hameçonnage|sécurité|cybersécurité|mot de passe|mots de passe|antivirus|fraude|harcèlement|scam",
    theme("security"),
  ),
  ...all<Sense>("parentalité|contrôle parental", theme("parenting")),
  ...all<Sense>("pronote|école|ent|parcoursup|scolarité|school", theme("school")),
  ...all<Sense>("création|canva|montage vidéo|retouche photo", theme("creating")),
  ...all<Sense>("culture numérique|vocabulaire", theme("digital_culture")),
  ...all<Sense>("ia|chatgpt|intelligence artificielle|mistral", theme("ai")),
  ...all<Sense>(
    "démarche|démarches|démarches administratives|démarches en ligne|administratif|administratives|service-public.fr|service public",
    procedure(undefined),
  ),
  ...all<Sense>("ameli|cpam|sécurité sociale|sécu|carte vitale", procedure("health_insurance")),
  ...all<Sense>("caf|apl|rsa|prime d'activité", procedure("caf")),
  ...all<Sense>(
    "impots|impôts|impot|impôt|impots.gouv|impôts.gouv|déclaration de revenus|déclaration d'impôts",
    procedure("tax"),
  ),
  ...all<Sense>("retraite|carsat|info retraite|assurance retraite", procedure("pension")),
  ...all<Sense>("france travail|pôle emploi|chômage|actualisation", procedure("employment_agency")),
  ...all<Sense>(
    "carte grise|permis|permis de conduire|immatriculation|ants carte grise|ants permis",
    procedure("vehicle"),
  ),
  ...all<Sense>("passeport|carte d'identité|cni|ants passeport|ants carte d'identité", procedure("identity")),
  ...all<Sense>("logement|demande de logement|hlm", procedure("housing")),
  ...all<Sense>("justice|casier judiciaire", procedure("justice")),
  ...all<Sense>("msa|chèque énergie", procedure("other")),

  ...all<Sense>("débutant|débutants|débutante|débutantes|initiation|découverte|premiers pas|beginner|beginners", {
    level: "beginner",
  }),
  ...all<Sense>("intermédiaire|perfectionnement|intermediate", { level: "intermediate" }),
  ...all<Sense>("avancé|avancés|confirmé|confirmés|expert|advanced", { level: "advanced" }),

  ...all<Sense>("autonome|totalement autonome|autonomie acquise|autonomous", { autonomy: "autonomous" }),
  ...all<Sense>(
    "partiellement autonome|semi-autonome|en partie autonome|presque autonome|peu autonome|partly autonomous",
    { autonomy: "partly" },
  ),
  ...all<Sense>("pas autonome|non autonome|pas encore autonome|not autonomous", { autonomy: "not_autonomous" }),
]);

/** Words that start a referral ("orientée vers la CAF"). */
export const REFERRAL_WORDS = new Set([
  "oriente",
  "orientee",
  "orientes",
  "orientees",
  "orientation",
  "reoriente",
  "reorientee",
  "redirige",
  "redirigee",
  "referred",
]);
/** Words that deny one just before it ("pas orienté", "sans orientation"). */
export const NEGATIONS = new Set(["pas", "non", "sans", "not", "no"]);
/** Words between a referral word and its destination. */
export const REFERRAL_LINKS = new Set([
  "vers",
  "a",
  "au",
  "aux",
  "aupres",
  "la",
  "le",
  "les",
  "l",
  "d",
  "du",
  "de",
  "une",
  "un",
  "to",
]);

export const REFERRAL_KINDS = new PhraseTable<string>([
  ...all(
    "france services|fs|mairie|caf|cpam|ameli|impôts|sip|service public|services publics|préfecture|france travail|pôle emploi|carsat|msa|public service",
    "public_service",
  ),
  ...all(
    "assistante sociale|assistant social|travailleur social|travailleuse sociale|as|mds|ccas|cias|services sociaux|social worker",
    "social_worker",
  ),
  ...all("espace numérique|epn|médiathèque|tiers-lieu|tiers lieu|conseiller numérique|cnfs|fablab", "digital_space"),
  ...all("association|asso|secours populaire|secours catholique|emmaüs|restos du cœur|croix-rouge", "association"),
]);

/** Number words, for "une heure", "deux personnes", "quarante-cinq minutes". */
export const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
};
export const TENS = new Set(["dix", "vingt", "trente", "quarante", "cinquante", "soixante"]);

export const HOUR_UNITS = new Set(["h", "heure", "heures", "hr", "hrs", "hour", "hours"]);
export const MINUTE_UNITS = new Set(["min", "mn", "mins", "minute", "minutes", "m"]);
export const PARTICIPANT_NOUNS = new Set([
  "pers",
  "personne",
  "personnes",
  "participant",
  "participants",
  "participante",
  "participantes",
  "p",
  "pax",
  "inscrits",
  "inscrites",
  "presents",
  "presentes",
  "usagers",
  "beneficiaires",
  "benef",
  "stagiaires",
  "people",
  "attendees",
  "seniors",
  "retraites",
  "aines",
]);
/** Participant nouns that also say the age bracket. */
export const SENIOR_NOUNS = new Set(["seniors", "retraites", "aines"]);

/** Words that carry nothing for the report and need not be shown back as unread. */
export const FILLERS = new Set([
  "un",
  "une",
  "pour",
  "avec",
  "par",
  "sur",
  "ce",
  "cet",
  "cette",
  "matin",
  "midi",
  "soir",
  "aprem",
  "apres",
  "session",
  "seance",
  "vers",
  "with",
  "for",
  "at",
  "in",
  "on",
  "a",
  "an",
  "to",
  "and",
  "dans",
  "chez",
  "j",
  "ai",
  "fait",
  "anime",
  "realise",
  "eu",
  "i",
  "did",
  "ran",
]);
