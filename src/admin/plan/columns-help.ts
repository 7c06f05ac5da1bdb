import { PLAN_COLUMNS } from "./rows.ts";

const MEANING: Record<(typeof PLAN_COLUMNS)[number], string> = {
  plan_code: "code du plan, identique sur toutes ses lignes (ex. SDAASP-17) ; une réimportation s'y rattache",
  plan_titre: "titre du plan",
  debut: "première année du plan (2018) ou premier jour (2018-01-01)",
  fin: "dernière année du plan (2024) ou dernier jour (2024-12-31)",
  axe_code: "numéro de l'axe ou de l'orientation (1, 2, 3…)",
  axe_titre: "titre de l'axe",
  fiche_code: "code de la fiche-action (ex. 3.1), unique dans le plan",
  fiche_titre: "titre de la fiche-action",
  pilote: "pilote de la fiche (facultatif, le même sur toutes ses lignes)",
  indicateur: "libellé de l'indicateur, une ligne par indicateur ; une réimportation s'y rattache",
  unite: "unité comptée (réunions, partenaires, personnes…), facultative",
  cible: "cible chiffrée (20, 2,5) ; vide : pas de cible chiffrée",
  periode_cible: "période de la cible : annee, semestre ou plan",
  calcul: "vide : somme des remontées d'avancement ; sinon un compteur du bot (npm run admin -- plan counters)",
};

/** The plan template's columns with what each holds (French, as coordinators read the template). */
export const PLAN_COLUMN_HELP: [string, string][] = PLAN_COLUMNS.map((c) => [c, MEANING[c]]);
