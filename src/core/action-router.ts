import type { ActionParams, VerbHandler } from "./actions.ts";
import type { Feature } from "./commands.ts";

/** A pressed choice the bot knows: a verb with its parsed parameters. */
export interface Pressed {
  handler: VerbHandler;
  params: ActionParams;
}

/** Finds what a choice id presses; undefined for an unknown or malformed id (a stale button). */
export type ActionRouter = (actionId: string) => Pressed | undefined;

// Earlier spellings ("mdn:p:t") have at most three parts before the parameters.
const LONGEST_ALIAS = 3;

/** Indexes every feature's verbs (by id and earlier spelling); two claiming one id is a start-up error. */
export function createActionRouter(features: readonly Feature[]): ActionRouter {
  const verbs = new Map<string, VerbHandler>();
  const claim = (key: string, handler: VerbHandler) => {
    if (verbs.has(key)) throw new Error(`Two handlers for ${key}`);
    verbs.set(key, handler);
  };
  for (const action of features.flatMap((f) => f.actions ?? []) as VerbHandler[]) {
    claim(action.verb.id, action);
    if (action.verb.was) claim(action.verb.was, action);
  }
  const withParams = (handler: VerbHandler, parts: string[]): Pressed | undefined => {
    const parsed = handler.verb.params.safeParse(parts);
    return parsed.success ? { handler, params: parsed.data } : undefined;
  };
  return (actionId) => {
    const [head = "", ...rest] = actionId.split(":");
    const named = verbs.get(head);
    if (named) return withParams(named, rest);
    const parts = [head, ...rest];
    for (let k = Math.min(LONGEST_ALIAS, parts.length); k >= 2; k--) {
      const earlier = verbs.get(parts.slice(0, k).join(":"));
      if (earlier) return withParams(earlier, parts.slice(k));
    }
    return undefined;
  };
}
