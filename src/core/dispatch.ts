import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../db/database.ts";
import { createActionRouter, type Pressed } from "./action-router.ts";
import { CommandIndex } from "./command-words.ts";
import { type Audience, allows, type Feature } from "./commands.ts";
import type { Actor, Context } from "./context.ts";
import { AppError, staleAction } from "./errors.ts";
import { createTranslator, DEFAULT_LOCALE, type Locale, toLocale } from "./i18n.ts";
import type { InboundCommand, Input, Platform } from "./inbound.ts";
import { sanitiseInbound } from "./inbound-text.ts";
import { type Reply, say } from "./reply.ts";
import { assertReplyFits } from "./reply-limits.ts";
import type { Role } from "./roles.ts";

/** What the dispatcher needs from the identity, audit and onboarding features. */
export interface DispatchPorts {
  /** False when this platform event was already handled (a redelivery): nothing is answered. */
  claimEvent(db: Db, inbound: InboundCommand): Promise<boolean>;
  resolveActor(db: Db, inbound: InboundCommand): Promise<Actor>;
  recordDenial(ctx: Context, what: string, audience: Audience): Promise<void>;
  /** Answers anything that is not a command while the member has not finished onboarding. */
  continueOnboarding(ctx: Context): Promise<Reply[]>;
  /**
   * Answers a member who stopped the bot (status LEFT), given the command they typed if any: brings
   * them back (`start`) or tells them how. `rejoined`: they are active again, and the rest of a
   * `start` with a payload is then routed as usual.
   */
  answerLeftMember?(ctx: Context, command: string | undefined): Promise<{ replies: Reply[]; rejoined: boolean }>;
  /** Answers a typed message that is no command when an active member is in a conversation (a question asked step by step), else undefined. */
  continueConversation?(ctx: Context): Promise<Reply[] | undefined>;
  /** Forms asked one question at a time, for channels that cannot show a form (`forms: "steps"`). */
  stepForms?: {
    /** The next question, the completed form to route, or undefined when the message is not an answer. */
    answer(ctx: Context): Promise<Reply[] | Input | undefined>;
    /** Turns a form among the replies into its first question. */
    begin(ctx: Context, replies: Reply[]): Promise<Reply[]>;
  };
}

export interface DispatcherOptions {
  db: Db;
  log: Logger;
  features: Feature[];
  ports: DispatchPorts;
  now?: () => Date;
  /** Platforms the bot can deliver to on its own initiative (local chat and the configured ones). */
  platforms?: readonly Platform[];
  /** The bot's own username on a platform, for deep links (known to the adapter once connected). */
  botUsername?: (platform: Platform) => string | undefined;
}

/** Turns one inbound command into replies; never throws. */
export type Dispatch = (inbound: InboundCommand) => Promise<Reply[]>;

/** Builds the channel-neutral dispatcher: resolve the actor, route, check the audience, translate errors. */
export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { db, log, ports } = options;
  const now = options.now ?? (() => new Date());
  const platforms = options.platforms ?? ["local"];
  const commands = options.features.flatMap((f) => f.commands ?? []);
  const index = new CommandIndex(commands);
  const actions = createActionRouter(options.features);
  const forms = byKey(
    options.features.flatMap((f) => f.forms ?? []),
    (f) => f.formId,
  );

  async function guarded(
    ctx: Context,
    what: string,
    audience: Audience,
    run: () => Promise<Reply[]>,
  ): Promise<Reply[]> {
    if (allows(audience, ctx.actor)) return run();
    if (ctx.actor.status !== "ACTIVE") {
      return [say(ctx.t("errors.finishOnboardingFirst")), ...(await ports.continueOnboarding(ctx))];
    }
    return refuse(ctx, what, audience);
  }

  async function refuse(ctx: Context, what: string, audience: Audience): Promise<Reply[]> {
    await ports.recordDenial(ctx, what, audience);
    return [say(ctx.t("errors.forbidden", { who: describeAudience(audience, ctx.actor.locale) }))];
  }

  /** Runs a pressed choice once its audience, and a verb's own check (organiser of this event), allow it. */
  function press(ctx: Context, pressed: Pressed): Promise<Reply[]> {
    const { handler, params } = pressed;
    const what = `action:${handler.verb.id}`;
    return guarded(ctx, what, handler.verb.audience, async () => {
      if (handler.authorise && !(await handler.authorise(ctx, params))) return refuse(ctx, what, handler.verb.audience);
      return handler.run(ctx, params);
    });
  }

  async function route(ctx: Context): Promise<Reply[]> {
    const input = ctx.inbound.input;
    if (input.kind === "action") {
      const pressed = actions(input.actionId);
      if (!pressed) throw staleAction();
      return press(ctx, pressed);
    }
    if (input.kind === "form") {
      const [formKey = "", ...parts] = input.formId.split(":");
      const handler = forms.get(formKey);
      if (!handler) throw staleAction();
      return guarded(ctx, `form:${formKey}`, handler.audience, () => handler.run(ctx, input.values, parts));
    }
    const { word, args } = splitCommand(input.text);
    const command = word ? index.find(word) : undefined;
    if (!command) {
      if (ctx.actor.status !== "ACTIVE") return ports.continueOnboarding(ctx);
      const answered = await ports.continueConversation?.(ctx);
      if (answered) return answered;
      if (!word) return [say(ctx.t("errors.emptyMessage"))];
      const usable = commands.filter((c) => allows(c.audience, ctx.actor));
      const suggestion = index.suggest(word, usable, ctx.actor.locale);
      return [
        say(
          suggestion
            ? ctx.t("errors.unknownCommandSuggest", { word, suggestion })
            : ctx.t("errors.unknownCommand", { word }),
        ),
      ];
    }
    return guarded(ctx, command.name, command.audience, () => command.run(ctx, args));
  }

  async function handle(ctx: Context): Promise<Reply[]> {
    if (ctx.actor.status === "LEFT" && ports.answerLeftMember) return answerLeftMember(ctx, ports.answerLeftMember);
    const steps = ports.stepForms;
    if (ctx.inbound.forms !== "steps" || ctx.actor.status !== "ACTIVE" || !steps) return route(ctx);
    const answered = await steps.answer(ctx);
    if (Array.isArray(answered)) return answered;
    const replies = await route(answered ? { ...ctx, inbound: { ...ctx.inbound, input: answered } } : ctx);
    return steps.begin(ctx, replies);
  }

  /** A member who stopped the bot hears only how to come back; `start <payload>` then runs as for anyone active. */
  async function answerLeftMember(
    ctx: Context,
    answer: NonNullable<DispatchPorts["answerLeftMember"]>,
  ): Promise<Reply[]> {
    const input = ctx.inbound.input;
    const { word, args } = input.kind === "text" ? splitCommand(input.text) : { word: "", args: "" };
    const command = word ? index.find(word) : undefined;
    const pressed = input.kind === "action" ? actions(input.actionId) : undefined;
    if (command?.evenAfterLeaving || pressed?.handler.verb.evenAfterLeaving) return route(ctx);
    const { replies, rejoined } = await answer(ctx, command?.name);
    if (!rejoined || command?.name !== "start" || !args) return replies;
    return [...replies, ...(await handle({ ...ctx, actor: { ...ctx.actor, status: "ACTIVE" } }))];
  }

  /** Someone no network knows yet, in a conversation no network is bound to: only a command that needs no network (a link code) can run. */
  async function outsideNetwork(inbound: InboundCommand, at: Date, locale: Locale): Promise<Reply[] | undefined> {
    if (inbound.input.kind !== "text") return undefined;
    const { word, args } = splitCommand(inbound.input.text);
    const command = index.find(word);
    return command?.runOutsideNetwork?.({ db, inbound, now: at, t: createTranslator(locale), platforms }, args);
  }

  return async (received) => {
    const inbound = sanitiseInbound(received);
    const started = now();
    let locale: Locale = toLocale(inbound.localeHint);
    const eventLog = log.child({ eventId: inbound.eventId, platform: inbound.platform });
    try {
      if (!(await ports.claimEvent(db, inbound))) {
        eventLog.info("redelivered event ignored");
        return [];
      }
      let actor: Actor;
      try {
        actor = await ports.resolveActor(db, inbound);
      } catch (error) {
        const unbound =
          error instanceof AppError && error.code === "channel_not_bound"
            ? await outsideNetwork(inbound, started, locale)
            : undefined;
        if (unbound) return unbound;
        throw error;
      }
      locale = actor.locale;
      const ctx: Context = {
        db,
        inbound,
        actor,
        t: createTranslator(actor.locale),
        now: started,
        log: eventLog.child({ memberId: actor.memberId }),
        platforms,
        ...(options.botUsername ? { botUsername: options.botUsername } : {}),
      };
      return (await handle(ctx)).map(assertReplyFits);
    } catch (error) {
      return [say(explain(error, locale, eventLog))];
    }
  };
}

/** "lier  K7P4-QX9M " → the command word and the rest. */
function splitCommand(text: string): { word: string; args: string } {
  const [word = "", ...rest] = text.trim().split(/\s+/);
  return { word, args: rest.join(" ") };
}

/** Expected failures become the member's sentence; anything else is logged with a reference to quote. */
function explain(error: unknown, locale: Locale, log: Logger): string {
  const t = createTranslator(locale);
  if (error instanceof AppError) return t(error.messageKey, error.params);
  if (isInvalidData(error)) {
    // A value the database cannot take (an id that is no UUID, a date out of range) came from the
    // member's input: no fault of ours, so no stack trace, and a sentence rather than an apology.
    log.warn({ code: (error as { cause: { code: string } }).cause.code }, "input refused by the database");
    return t("errors.invalidInput");
  }
  const reference = randomBytes(4).toString("hex");
  log.error({ err: error, reference }, "unexpected error while handling a message");
  return t("errors.unexpected", { reference });
}

/** PostgreSQL's class 22 (data exception): invalid text for a UUID or a number, a date out of range, a NUL byte. */
function isInvalidData(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" && code.startsWith("22");
}

/** "network coordinators or CLS coordinators", in the member's language. */
export function describeAudience(audience: Audience, locale: Locale = DEFAULT_LOCALE): string {
  const t = createTranslator(locale);
  if (audience === "anyone" || audience === "member") return t("roles.anyMember");
  const names = audience.map((role: Role) => t(`roles.plural.${role}`));
  return new Intl.ListFormat(locale, { type: "disjunction" }).format(names);
}

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(key(item))) throw new Error(`Two handlers for ${key(item)}`);
    map.set(key(item), item);
  }
  return map;
}
