import type { Db } from "../db/database.ts";
import type { VerbHandler } from "./actions.ts";
import type { Audience } from "./audience.ts";
import type { Context } from "./context.ts";
import type { MessageKey, Translate } from "./i18n.ts";
import type { InboundCommand, Platform } from "./inbound.ts";
import type { Reply } from "./reply.ts";

export type { Audience } from "./audience.ts";

/** A command members type ("aide", "/profil", "lier K7P4QX"). */
export interface Command {
  name: string;
  /** Locale key whose text lists the words that trigger it, comma-separated ("aide, ?"). */
  words: MessageKey;
  /** Locale key of the one-line description shown by help. */
  summary: MessageKey;
  audience: Audience;
  /** Runs for a member who stopped the bot too (their data rights outlast their membership). */
  evenAfterLeaving?: boolean;
  run(ctx: Context, args: string): Promise<Reply[]>;
  /**
   * For a sender in a conversation no network is bound to (a private chat on a new platform):
   * answers, or returns undefined to let the member be told the conversation is not attached.
   */
  runOutsideNetwork?(ctx: OutsideNetworkContext, args: string): Promise<Reply[] | undefined>;
}

/** What a command gets before any network or member is known. */
export interface OutsideNetworkContext {
  db: Db;
  inbound: InboundCommand;
  now: Date;
  /** In the language the platform reports for the sender. */
  t: Translate;
  /** Platforms the bot can reach members on by itself now (to tell someone else, e.g. who invited them). */
  platforms: readonly Platform[];
}

/** Handles a submitted form; a form id `profile` or `role-refusal:<id>` selects by its first part. */
export interface FormHandler {
  formId: string;
  audience: Audience;
  run(ctx: Context, values: Record<string, string | string[]>, parts: string[]): Promise<Reply[]>;
}

/** What a feature contributes to the bot. */
export interface Feature {
  commands?: Command[];
  /** Typed verbs (`on(EVT.register, …)`): the dispatcher parses their ids, checks and audits them. */
  actions?: Array<VerbHandler<any>>;
  forms?: FormHandler[];
}

/** True when the actor may use something meant for `audience`. */
export function allows(audience: Audience, actor: Context["actor"]): boolean {
  if (audience === "anyone") return true;
  if (actor.status !== "ACTIVE") return false;
  if (audience === "member") return true;
  return audience.some((role) => actor.roles.includes(role));
}
