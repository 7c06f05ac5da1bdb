import type { Platform } from "../core/inbound.ts";

/**
 * The longest text one message may carry on each platform, in UTF-16 code units (what a JS string's
 * `length` counts): Telegram's message text, Discord's message content, a Slack section block, and
 * what the local web chat accepts. Adapters split longer texts; a broadcast refuses them instead, so
 * that every member reads the coordinator's message in one piece.
 */
export const MESSAGE_TEXT_LIMITS: Readonly<Record<Platform, number>> = {
  telegram: 4096,
  discord: 2000,
  slack: 3000,
  local: 4000,
};
