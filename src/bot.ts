import type { Logger } from "pino";
import { type CommandInfo, describeCommands } from "./core/command-catalog.ts";
import type { Command } from "./core/commands.ts";
import { createDispatcher, type Dispatch } from "./core/dispatch.ts";
import { mergeByName, uniqueByName } from "./core/feature-registry.ts";
import type { Platform } from "./core/inbound.ts";
import type { Db } from "./db/database.ts";
import type { LiveViews } from "./delivery/compose.ts";
import type { AfterSendRound } from "./delivery/worker.ts";
import { createHelpFeature } from "./features/help/feature.ts";
import { features } from "./features/index.ts";
import { provideCounters } from "./features/indicators/counters.ts";
import type { IndicatorCounters } from "./features/indicators/counting.ts";
import { continueEnrolment } from "./features/interns/enrol/feature.ts";
import { answerLeftMember } from "./features/interns/leave/feature.ts";
import type { FeatureModule } from "./features/module.ts";
import { continueOnboarding } from "./features/onboarding/feature.ts";
import { bindJobs, maintenanceJobs, type ScheduledJob } from "./scheduler/scheduler.ts";
import { recordDenial } from "./services/audit/record.ts";
import { answerStepForm, beginStepForms } from "./services/form-steps/flow.ts";
import { createActorResolver } from "./services/identity/resolve-actor.ts";
import { claimInboundEvent } from "./services/inbound/claim-event.ts";

const help = createHelpFeature(() => allCommands);
/** Every feature, help included. */
export const botFeatures: readonly FeatureModule[] = [help, ...features];
const allCommands: Command[] = botFeatures.flatMap((f) => f.commands ?? []);

/** The messages computed when they are sent (who has not answered, a broadcast's progress), by name. */
export const botViews: LiveViews = mergeByName(
  "view",
  botFeatures.map((f) => f.views),
);

/** What the features count for the plan's indicators, by counter name. */
export const botCounters: IndicatorCounters = mergeByName(
  "indicator counter",
  botFeatures.map((f) => f.counters),
);

/** Every command of the bot, described for platforms that declare them (menus, slash commands). */
export const botCommands: CommandInfo[] = describeCommands(allCommands);

const declaredJobs = uniqueByName("job", [...maintenanceJobs, ...botFeatures.flatMap((f) => f.jobs ?? [])]);
const roundHooks = botFeatures.flatMap((f) => (f.afterSendRound ? [f.afterSendRound] : []));

/** The bot's recurring jobs; `platforms` are those the bot delivers to (reminders of new occurrences). */
export function botJobs(db: Db, options: { platforms: readonly Platform[] }): ScheduledJob[] {
  return bindJobs(declaredJobs, { db, platforms: options.platforms });
}

/** What the features do after each round of a platform's sender (broadcasts' live progress there). */
export const afterSendRound: AfterSendRound = async (db, adapter, now) => {
  for (const hook of roundHooks) await hook(db, adapter, now);
};

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
  // Indicators are counted from commands, live views and jobs alike: they read the features' counters from here.
  provideCounters(botCounters);
  return createDispatcher({
    db,
    log,
    features: [...botFeatures],
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
