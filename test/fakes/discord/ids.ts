import { randomBytes } from "node:crypto";

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A Discord snowflake (19 digits today): discord.js's REST router recognises ids by their length. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** When a snowflake was made (ms since 1970). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** An interaction token: opaque, URL-safe. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(24).toString("base64url")}`;
}
