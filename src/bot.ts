import type { Logger } from "pino";
import { type CommandInfo, describeCommands } from "./core/command-catalog.ts";
import type { Command, Feature } from "./core/commands.ts";
import { createDispatcher, type Dispatch } from "./core/dispatch.ts";
import type { Db } from "./db/database.ts";
import { recordDenial } from "./features/audit/record.ts";
import { createHelpFeature } from "./features/help/feature.ts";
import { resolveActor } from "./features/identity/resolve-actor.ts";
import { languageFeature } from "./features/language/feature.ts";
import { linkFeature } from "./features/link/feature.ts";
import { membersFeature } from "./features/members/feature.ts";
import { continueOnboarding, onboardingFeature } from "./features/onboarding/feature.ts";
import { profileFeature } from "./features/profile/feature.ts";

const features: Feature[] = [onboardingFeature, profileFeature, languageFeature, linkFeature, membersFeature];
const help = createHelpFeature(() => allCommands);
const allCommands: Command[] = [help, ...features].flatMap((f) => f.commands ?? []);

/** Every command of the bot, described for platforms that declare them (menus, slash commands). */
export const botCommands: CommandInfo[] = describeCommands(allCommands);

/** The whole bot, channel-neutral: every adapter hands it InboundCommands and renders its Replies. */
export function createBot(db: Db, log: Logger, now?: () => Date): Dispatch {
  return createDispatcher({
    db,
    log,
    features: [help, ...features],
    ports: { resolveActor, recordDenial, continueOnboarding },
    ...(now ? { now } : {}),
  });
}
