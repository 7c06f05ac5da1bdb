import { pressId } from "../../../core/actions.ts";
import type { Translate } from "../../../core/i18n.ts";
import { type Choice, type Reply, say } from "../../../core/reply.ts";
import { ENR } from "./actions.ts";
import type { EnrolStep } from "./conversation.ts";

/** What the questions show of the intern's cohort. */
export interface EnrolCohort {
  name: string;
  sites: string[];
  /** The cohort's arrival, already formatted in the intern's language. */
  arrives: string;
}

/** Button ids: `enr.answer:<step>:<value>`; the step makes a button of an earlier question recognisably stale. */
export const enrolAction = (step: EnrolStep, value: string) => pressId(ENR.answer, step, value);

/** The question for `step`, with its buttons, in the intern's language; `notice` comes first (why it is asked again). */
export function enrolQuestion(t: Translate, step: EnrolStep, cohort: EnrolCohort, notice?: string): Reply {
  const lead = notice ? [notice] : [];
  switch (step) {
    case "language":
      return say([...lead, t("enrol.ask.language")].join("\n"), [
        { id: enrolAction("language", "fr"), label: "Français" },
        { id: enrolAction("language", "en"), label: "English" },
      ]);
    case "site": {
      const choices: Choice[] = cohort.sites.map((site, i) => ({ id: enrolAction("site", String(i)), label: site }));
      choices.push(
        { id: enrolAction("site", "other"), label: t("enrol.buttons.other") },
        { id: enrolAction("site", "skip"), label: t("enrol.buttons.skip") },
      );
      return say([...lead, t(cohort.sites.length ? "enrol.ask.site" : "enrol.ask.siteNoList")].join("\n"), choices);
    }
    case "site-typed":
      return say([...lead, t("enrol.ask.siteTyped")].join("\n"), [
        { id: enrolAction("site-typed", "skip"), label: t("enrol.buttons.skip") },
      ]);
    case "arrival":
      return say([...lead, t("enrol.ask.arrival", { arrives: cohort.arrives })].join("\n"), [
        { id: enrolAction("arrival", "skip"), label: t("enrol.buttons.keepDate") },
      ]);
  }
}
