import { activitiesFeature } from "./activities/feature.ts";
import { bindingFeature } from "./binding/feature.ts";
import { broadcastsFeature } from "./broadcasts/feature.ts";
import { cohortsFeature } from "./cohorts/feature.ts";
import { deadlinesFeature } from "./deadlines/feature.ts";
import { digestFeature } from "./digest/feature.ts";
import { eventsFeature } from "./events/feature.ts";
import { groupsFeature } from "./groups/feature.ts";
import { guideFeature } from "./guide/feature.ts";
import { indicatorsFeature } from "./indicators/feature.ts";
import { targetsFeature } from "./indicators/targets.ts";
import { welcomeDeskFeature } from "./interns/desk/feature.ts";
import { enrolFeature } from "./interns/enrol/feature.ts";
import { leaveFeature } from "./interns/leave/feature.ts";
import { internScheduleFeature } from "./interns/schedule/feature.ts";
import { invitationsFeature } from "./invitations/feature.ts";
import { languageFeature } from "./language/feature.ts";
import { linkFeature } from "./link/feature.ts";
import { membersFeature } from "./members/feature.ts";
import { mineFeature } from "./mine/feature.ts";
import type { FeatureModule } from "./module.ts";
import { moisFeature } from "./mois/feature.ts";
import { muteFeature } from "./mute/feature.ts";
import { onboardingFeature } from "./onboarding/feature.ts";
import { organisationsFeature } from "./organisations/feature.ts";
import { privacyFeature } from "./privacy/feature.ts";
import { profileFeature } from "./profile/feature.ts";
import { progressFeature } from "./progress/feature.ts";
import { reportsFeature } from "./reports/feature.ts";

/**
 * Every feature of the bot, in the order help lists their commands (help itself is added by the
 * composition root, src/bot.ts, since it lists the others). A new feature is one more line here.
 */
export const features: readonly FeatureModule[] = [
  onboardingFeature,
  profileFeature,
  languageFeature,
  linkFeature,
  membersFeature,
  bindingFeature,
  broadcastsFeature,
  muteFeature,
  groupsFeature,
  deadlinesFeature,
  activitiesFeature,
  indicatorsFeature,
  reportsFeature,
  progressFeature,
  eventsFeature,
  cohortsFeature,
  moisFeature,
  mineFeature,
  guideFeature,
  internScheduleFeature,
  welcomeDeskFeature,
  enrolFeature,
  leaveFeature,
  invitationsFeature,
  organisationsFeature,
  targetsFeature,
  privacyFeature,
  digestFeature,
];
