import { createHash, randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are read on one screen and typed on another.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A fresh code, shown as "K7P4-QX9M". */
export function newLinkCode(): string {
  const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** The stored form of a code: its hash, whatever the case, spaces or dashes typed. */
export function hashLinkCode(code: string): string {
  return createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");
}
