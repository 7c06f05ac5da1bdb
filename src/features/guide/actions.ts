import { z } from "zod";
import { count, none, verb } from "../../core/actions.ts";

/** The longest section name (`NN-name.md` without its number) the loader accepts, so a page's id fits every platform. */
export const GUIDE_SECTION_ID_MAX = 40;
const sectionId = z
  .string()
  .max(GUIDE_SECTION_ID_MAX)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** What members press in the welcome guide; `was` keeps buttons sent before these ids working. */
export const GUIDE = {
  /** The contents: one button per section. */
  contents: verb("guide.contents", "member", none, { was: "guide:toc" }),
  /** One page of a section. */
  page: verb("guide.page", "member", z.tuple([sectionId, count]), { was: "guide:s" }),
  /** Opens the question to the mission accueil (src/features/interns/desk). */
  ask: verb("guide.ask", "member", none, { was: "guide:ask" }),
};
