import type { Logger } from "pino";
import { type CommandInfo, describeCommands } from "./core/command-catalog.ts";
import type { Command, Feature } from "./core/commands.ts";
import { createDispatcher, type Dispatch } from "./core/dispatch.ts";
import type { Platform } from "./core/inbound.ts";
import type { Db } from "./db/database.ts";
import { activitiesFeature } from "./features/activities/feature.ts";
import { progressFeature } from "./features/progress/feature.ts";
import { recordDenial } from "./services/audit/record.ts";
import { bindingFeature } from "./features/binding/feature.ts";
import type { LiveViews } from "./delivery/compose.ts";
import { broadcastsFeature, broadcastViews } from "./features/broadcasts/feature.ts";
import { deadlinesFeature, deadlineViews } from "./features/deadlines/feature.ts";
import { digestViews } from "./features/digest/views.ts";
import { answerStepForm, beginStepForms } from "./services/form-steps/flow.ts";
import { groupsFeature } from "./features/groups/feature.ts";
import { createHelpFeature } from "./features/help/feature.ts";
import { createActorResolver } from "./services/identity/resolve-actor.ts";
import { indicatorsFeature } from "./features/indicators/feature.ts";
import { claimInboundEvent } from "./services/inbound/claim-event.ts";
import { languageFeature } from "./features/language/feature.ts";
import { linkFeature } from "./features/link/feature.ts";
import { membersFeature } from "./features/members/feature.ts";
import { muteFeature } from "./features/mute/feature.ts";
import { continueOnboarding, onboardingFeature } from "./features/onboarding/feature.ts";
import { profileFeature } from "./features/profile/feature.ts";
import { reportsFeature } from "./features/reports/feature.ts";
import { eventsFeature } from "./features/events/feature.ts";
import { cohortsFeature } from "./features/cohorts/feature.ts";
import { mineFeature } from "./features/mine/feature.ts";
import { guideFeature } from "./features/guide/feature.ts";
import { moisFeature } from "./features/mois/feature.ts";
import { internScheduleFeature, internScheduleViews } from "./features/interns/schedule/feature.ts";
import { welcomeDeskFeature } from "./features/interns/desk/feature.ts";
import { continueEnrolment, enrolFeature } from "./features/interns/enrol/feature.ts";
import { answerLeftMember, leaveFeature } from "./features/interns/leave/feature.ts";
import { invitationsFeature } from "./features/invitations/feature.ts";
import { organisationsFeature } from "./features/organisations/feature.ts";
import { targetsFeature } from "./features/indicators/targets.ts";
import { privacyFeature } from "./features/privacy/feature.ts";

const features: Feature[] = [onboardingFeature, profileFeature, languageFeature, linkFeature, membersFeature, bindingFeature, broadcastsFeature, muteFeature, groupsFeature, deadlinesFeature, activitiesFeature, indicatorsFeature, reportsFeature, progressFeature, eventsFeature, cohortsFeature, moisFeature, mineFeature, guideFeature, internScheduleFeature, welcomeDeskFeature, enrolFeature, leaveFeature, invitationsFeature, organisationsFeature, targetsFeature, privacyFeature];
const help = createHelpFeature(() => allCommands);
const allCommands: Command[] = [help, ...features].flatMap((f) => f.commands ?? []);

/** The messages computed when they are sent (who has not answered, a broadcast's progress), by name. */
export const botViews: LiveViews = { ...deadlineViews, ...broadcastViews, ...digestViews, ...internScheduleViews };

/** Every command of the bot, described for platforms that declare them (menus, slash commands). */
export const botCommands: CommandInfo[] = describeCommands(allCommands);

export interface BotOptions {
  /** The clock the bot reads (tests set it). */
  now?: () => Date;
  /** Network of private conversations that nothing binds to a network. */
  defaultNetwork?: string | undefined;
  /** Platforms the bot delivers to on its own initiative; default: the local chat only. */
  platforms?: readonly Platform[];
  /** The bot's own username on a platform (Telegram's, from its adapter once connected), for cohort links. */
  botUsername?: (platform: Platform) => string | undefined;
}

/** The whole bot, channel-neutral: every adapter hands it InboundCommands and renders its Replies. */
export function createBot(db: Db, log: Logger, options: BotOptions = {}): Dispatch {
  return createDispatcher({
    db,
    log,
    features: [help, ...features],
    ports: {
      claimEvent: claimInboundEvent,
      resolveActor: createActorResolver({ defaultNetwork: options.defaultNetwork }),
      recordDenial,
      continueOnboarding,
      answerLeftMember,
      continueConversation: continueEnrolment,
      stepForms: { answer: answerStepForm, begin: beginStepForms },
    },
    ...(options.now ? { now: options.now } : {}),
    ...(options.platforms ? { platforms: options.platforms } : {}),
    ...(options.botUsername ? { botUsername: options.botUsername } : {}),
  });
}
