import { z } from "zod";
import type { Audience } from "./audience.ts";
import type { Context } from "./context.ts";
import type { Reply } from "./reply.ts";
import { actionId } from "./reply-limits.ts";

/** What an action id carries after its verb: ids, numbers, words of a closed set; absent when optional. */
export type ActionParams = readonly (string | number | undefined)[];

/**
 * Something a member can press: `evt.register:<event id>`. The id is the verb then its parameters,
 * separated by ':', readable in logs; `params` parses the parts after the verb (a zod tuple).
 */
export interface Verb<P extends ActionParams = ActionParams> {
  id: string;
  audience: Audience;
  params: z.ZodType<P>;
  /** Runs for a member who stopped the bot too, as the command that offered it. */
  evenAfterLeaving?: boolean;
  /** The id's earlier spelling ("evt:r"), still on buttons already sent: pressed, it runs this verb. */
  was?: string;
}

/** A verb and what pressing it does; the dispatcher has checked the audience and `authorise` first. */
export interface VerbHandler<P extends ActionParams = ActionParams> {
  verb: Verb<P>;
  /** A check beyond roles (the member organises this event); a refusal is answered and audited like a role refusal. */
  authorise?(ctx: Context, params: P): Promise<boolean>;
  run(ctx: Context, params: P): Promise<Reply[]>;
}

/** Declares a verb; `params` is a zod tuple over the id's parts. */
export function verb<P extends ActionParams>(
  id: string,
  audience: Audience,
  params: z.ZodType<P>,
  options: Pick<Verb, "evenAfterLeaving" | "was"> = {},
): Verb<P> {
  if (!/^[a-z]+\.[a-z-]+$/.test(id))
    throw new Error(`verb id "${id}": a feature prefix, a dot and a word (evt.register)`);
  return { id, audience, params, ...options };
}

/** Pairs a verb with what pressing it does. */
export function on<P extends ActionParams>(
  verb: Verb<P>,
  run: VerbHandler<P>["run"],
  authorise?: VerbHandler<P>["authorise"],
): VerbHandler<P> {
  return authorise ? { verb, run, authorise } : { verb, run };
}

/** The choice id that presses `verb` with `params`; parameters the verb's schema refuses are a programming error. */
export function pressId<P extends ActionParams>(verb: Verb<P>, ...params: P): string {
  const parts = params.filter((p) => p !== undefined).map(String);
  if (!verb.params.safeParse(parts).success)
    throw new Error(`parameters refused by ${verb.id}: ${parts.join(":").slice(0, 120)}`);
  return actionId(verb.id, ...parts);
}

/** Parameters most verbs take: an id (a UUID, as Prisma makes them). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
/** A page or index written in an id. */
export const count = z.coerce.number<string>().int().min(0).max(9999);
/** A verb that takes nothing. */
export const none = z.tuple([]);
