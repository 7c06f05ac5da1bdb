import type { OrganisationKind } from "@prisma/client";

/** Each kind's French label, as a coordinator writes it in the `type` column, then other usual names. */
export const KIND_LABELS: Record<OrganisationKind, string[]> = {
  FRANCE_SERVICES: ["France Services", "Maison France Services", "France Services itinérant"],
  LIBRARY: ["Bibliothèque", "Médiathèque"],
  ASSOCIATION: ["Association"],
  MUNICIPALITY: ["Commune", "Mairie", "CCAS"],
  INTERCOMMUNALITY: ["Intercommunalité", "EPCI", "Communauté de communes", "Communauté d'agglomération"],
  DEPARTMENT: ["Département", "Conseil départemental"],
  SOCIAL_SERVICES_SITE: ["Maison départementale des solidarités", "MDS", "Délégation territoriale"],
  HOSPITAL: ["Hôpital", "Centre hospitalier", "CH", "CHU"],
  HEALTH_CENTRE: ["Maison de santé", "MSP", "Centre de santé"],
  HEALTH_COMMUNITY: ["CPTS", "Communauté professionnelle territoriale de santé"],
  OTHER: ["Autre"],
};

const plain = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s'’-]+/g, " ")
    .trim();

const BY_NAME = new Map<string, OrganisationKind>(
  (Object.entries(KIND_LABELS) as [OrganisationKind, string[]][]).flatMap(([kind, labels]) => [
    [plain(kind.replace(/_/g, " ")), kind],
    ...labels.map((l): [string, OrganisationKind] => [plain(l), kind]),
  ]),
);

/** The kind a `type` cell names (a French label or the code, any case and accents), or undefined. */
export function kindOf(text: string): OrganisationKind | undefined {
  return BY_NAME.get(plain(text));
}

/** The labels to propose when a `type` is not understood. */
export const KIND_CHOICES: string[] = (Object.entries(KIND_LABELS) as [OrganisationKind, string[]][]).map(
  ([kind, labels]) => `${labels[0]} (${kind})`,
);
