import type { ActionParams, VerbHandler } from "./actions.ts";
import type { ActionHandler, Feature } from "./commands.ts";

/** A pressed choice the bot knows: a verb with its parsed parameters, or a feature's own prefix handler. */
export type Pressed =
  | { kind: "verb"; handler: VerbHandler; params: ActionParams }
  | { kind: "prefix"; handler: ActionHandler; parts: string[] };

/** Finds what a choice id presses; undefined for an unknown or malformed id (a stale button). */
export type ActionRouter = (actionId: string) => Pressed | undefined;

// Earlier spellings ("mdn:p:t") have at most three parts before the parameters.
const LONGEST_ALIAS = 3;

/** Indexes every feature's verbs (by id and earlier spelling) and prefix handlers; two claiming one id is a start-up error. */
export function createActionRouter(features: readonly Feature[]): ActionRouter {
  const verbs = new Map<string, VerbHandler>();
  const prefixes = new Map<string, ActionHandler>();
  const claim = <T>(map: Map<string, T>, key: string, value: T) => {
    if (verbs.has(key) || prefixes.has(key)) throw new Error(`Two handlers for ${key}`);
    map.set(key, value);
  };
  for (const action of features.flatMap((f) => f.actions ?? [])) {
    if ("verb" in action) {
      claim(verbs, action.verb.id, action as VerbHandler);
      if (action.verb.was) claim(verbs, action.verb.was, action as VerbHandler);
    } else claim(prefixes, action.prefix, action);
  }
  const withParams = (handler: VerbHandler, parts: string[]): Pressed | undefined => {
    const parsed = handler.verb.params.safeParse(parts);
    return parsed.success ? { kind: "verb", handler, params: parsed.data } : undefined;
  };
  return (actionId) => {
    const [head = "", ...rest] = actionId.split(":");
    const named = verbs.get(head);
    if (named) return withParams(named, rest);
    const prefix = prefixes.get(head);
    if (prefix) return { kind: "prefix", handler: prefix, parts: rest };
    const parts = [head, ...rest];
    for (let k = Math.min(LONGEST_ALIAS, parts.length); k >= 2; k--) {
      const earlier = verbs.get(parts.slice(0, k).join(":"));
      if (earlier) return withParams(earlier, parts.slice(k));
    }
    return undefined;
  };
}
