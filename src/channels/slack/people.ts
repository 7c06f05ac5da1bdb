import { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { InboundCommand } from "../../core/inbound.ts";
import { boltLogger } from "./logger.ts";

const REMEMBERED = 5_000;
const FRESH_MS = 60 * 60 * 1000;

interface Person {
  name?: string | undefined;
  locale?: string | undefined;
  at: number;
}

/** Names members as their Slack profile does, and tells the core their Slack language. */
export interface People {
  /** The inbound with the member's profile name and locale when Slack gives them, unchanged otherwise. */
  describe(inbound: InboundCommand, userId: string): Promise<InboundCommand>;
}

/**
 * users.info, remembered for an hour per member. Payloads carry only a handle (commands) or nothing
 * (events); the profile's name reads better in coordinators' lists. The lookup never delays an
 * answer: no retries, a short timeout, and the handle when Slack does not answer.
 */
export function createPeople(token: string, slackApiUrl: string, log: Logger): People {
  const client = new webApi.WebClient(token, {
    slackApiUrl,
    logger: boltLogger(log),
    timeout: 2_000,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const known = new Map<string, Person>();

  async function lookUp(key: string, userId: string): Promise<Person> {
    const cached = known.get(key);
    if (cached && Date.now() - cached.at < FRESH_MS) return cached;
    try {
      const { user } = await client.users.info({ user: userId, include_locale: true });
      const profile = user?.profile;
      const person = {
        name: profile?.display_name || profile?.real_name || user?.real_name || undefined,
        locale: user?.locale,
        at: Date.now(),
      };
      known.delete(key);
      known.set(key, person);
      if (known.size > REMEMBERED) known.delete(known.keys().next().value!);
      return person;
    } catch (error) {
      log.debug({ err: error, user: userId }, "slack: users.info unavailable; using the handle");
      // Asked again in a minute rather than at every action while Slack does not answer.
      const miss = { at: Date.now() - FRESH_MS + 60_000 };
      known.set(key, miss);
      return miss;
    }
  }

  return {
    async describe(inbound, userId) {
      const person = await lookUp(inbound.externalUserId, userId);
      return {
        ...inbound,
        displayName: person.name ?? inbound.displayName,
        ...(person.locale ? { localeHint: person.locale } : {}),
      };
    },
  };
}
