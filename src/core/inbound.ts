/** The platforms, as the prefix of an address (`telegram:<chatId>`, `local:<session>`...). */
export const PLATFORMS = ["local", "telegram", "slack", "discord"] as const;
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** What the member did: typed text, pressed a choice, or submitted a form. */
export type Input =
  | { kind: "text"; text: string }
  | { kind: "action"; actionId: string }
  | { kind: "form"; formId: string; values: Record<string, string | string[]> };

/** A platform event reduced to what the core needs: who, where, what, and a locale hint. */
export interface InboundCommand {
  /** Stable id of the platform event, for logs and (later) redelivery checks. */
  eventId: string;
  platform: Platform;
  /** The sender's id on the platform, unique within `platform` (e.g. `T01:U02` on Slack). */
  externalUserId: string;
  /** How the platform names the sender; used as the default display name. */
  displayName: string;
  /**
   * The workspace, guild or group chat the message comes from (Slack team id, Discord guild id,
   * Telegram group chat id); its binding selects the network for a sender seen for the first time.
   * For a private conversation with no such scope (a Telegram private chat, a Discord DM), "private".
   */
  scopeId: string;
  /** A one-to-one conversation with the bot, or a group or channel that several members see. */
  conversation: "private" | "group";
  /** How this channel shows a form: natively (Slack or Discord modal, web form), or one question at a time (Telegram). */
  forms: "native" | "steps";
  /** The platform's language for this user, if it tells; used before the member chooses. */
  localeHint?: string | undefined;
  input: Input;
  receivedAt: Date;
}
