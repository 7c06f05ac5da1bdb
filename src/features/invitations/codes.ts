import { randomBytes } from "node:crypto";

/** The deep-link payload prefix of an invitation: `t.me/<bot>?start=inv-<code>`. */
export const INVITATION_PAYLOAD_PREFIX = "inv-";
export const DEFAULT_USES = 1;
export const MAX_USES = 500;

/** 16 URL-safe characters (96 random bits): not guessable, and fits Telegram's 64-character start payload. */
export function newInvitationCode(): string {
  return randomBytes(12).toString("base64url");
}

/** The code of a `start` payload such as `inv-Xb3_k9Q2mN1zT4aQ`, or undefined. */
export function invitationCodeInPayload(payload: string): string | undefined {
  return /^inv-([A-Za-z0-9_-]{8,60})$/.exec(payload.trim())?.[1];
}

/** A typed code as stored: `rejoindre inv-Xb3…` and `rejoindre Xb3…` are the same. */
export function cleanInvitationCode(typed: string): string {
  return typed.trim().replace(/^inv-/, "");
}

/** `https://t.me/<bot>?start=inv-<code>`: opening it starts the bot with the invitation. */
export function invitationDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${INVITATION_PAYLOAD_PREFIX}${code}`;
}
