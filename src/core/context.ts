import type { Logger } from "pino";
import type { Db } from "../db/database.ts";
import type { Locale, Translate } from "./i18n.ts";
import type { InboundCommand, Platform } from "./inbound.ts";
import type { Role } from "./roles.ts";

/** Who is speaking, as the core sees it once their platform identity is resolved. */
export interface Actor {
  networkId: string;
  memberId: string;
  identityId: string;
  displayName: string;
  roles: Role[];
  status: "ONBOARDING" | "ACTIVE" | "LEFT";
  locale: Locale;
}

/** Everything a use-case receives for one inbound command. */
export interface Context {
  db: Db;
  inbound: InboundCommand;
  actor: Actor;
  /** Translator bound to the actor's language for this message. */
  t: Translate;
  now: Date;
  log: Logger;
  /** Platforms the bot can reach members on by itself now (local chat and the configured ones). */
  platforms: readonly Platform[];
  /** The bot's own username on a platform (Telegram's, known once connected), for deep links; undefined when not known. */
  botUsername?: (platform: Platform) => string | undefined;
}
