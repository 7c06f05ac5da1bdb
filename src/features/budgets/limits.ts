import type { Budget } from "./store.ts";

/**
 * Newcomers one platform scope (a Slack workspace, a Discord guild, a Telegram group, the private
 * chats of one platform, the web chat) may bring per minute: a welcome evening's 30 interns joining
 * at once fit; a script creating members by the thousand does not.
 */
export const NEW_MEMBERS_PER_SCOPE: Budget = { max: 60, windowMs: 60_000 };

/** Wrong link codes one platform account may try, whichever member it belongs to (or none yet). */
export const LINK_TRIES_PER_ACCOUNT: Budget = { max: 5, windowMs: 10 * 60_000 };

/** The budget key of newcomers arriving through one platform scope. */
export const newMemberKey = (platform: string, scopeId: string) => `newmember:${platform}:${scopeId}`;

/** The budget key of link-code tries from one platform account. */
export const linkAccountKey = (platform: string, externalUserId: string) =>
  `link:account:${platform}:${externalUserId}`;
