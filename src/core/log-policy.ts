import { type LoggerOptions, stdSerializers } from "pino";

/**
 * Keys whose values are what people wrote or received (messages, names, titles, answers, files):
 * logs keep their size or kind only. Logs travel to places personal data must not (collectors,
 * support tickets), so the policy applies to every line, whoever wrote the log call.
 */
const PERSONAL_KEYS = new Set([
  "text",
  "texts",
  "reply",
  "replies",
  "payload",
  "content",
  "bytes",
  "values",
  "input",
  "body",
  "answer",
  "answers",
  "question",
  "displayName",
  "name",
  "names",
  "title",
  "label",
  "caption",
  "file",
  "files",
  "fileName",
  "filename",
  // Platform SDK errors carry the request they failed on: grammY's `payload`, discord.js's `requestBody`.
  "requestBody",
]);
/** A longer string is content, whatever its key: ids, codes and reasons are shorter. */
const LONGEST_STRING = 300;
const DEEPEST = 4;

/** Replaces what people wrote, and any binary data, by its size; ids, counts and kinds stay. */
export function withoutPersonalData(object: Record<string, unknown>): Record<string, unknown> {
  return clean(object, 0) as Record<string, unknown>;
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > LONGEST_STRING ? `[${value.length} characters]` : value;
  if (isBinary(value)) return `[${byteLength(value)} bytes]`;
  if (Array.isArray(value)) return depth >= DEEPEST ? `[${value.length} items]` : value.map((v) => clean(v, depth + 1));
  if (!isPlainObject(value)) return value; // errors, requests and responses have pino's own serializers
  if (depth >= DEEPEST) return "[object]";
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = PERSONAL_KEYS.has(key) ? summary(v) : clean(v, depth + 1);
  return out;
}

function summary(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return `[${value.length} characters]`;
  if (isBinary(value)) return `[${byteLength(value)} bytes]`;
  if (Array.isArray(value)) return `[${value.length} items]`;
  return "[redacted]";
}

function isBinary(value: unknown): value is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function byteLength(value: ArrayBufferView | ArrayBuffer): number {
  return value.byteLength;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An error as pino shows it, minus the request it carries (a message sent, a file uploaded). */
function errorWithoutPersonalData(error: unknown): unknown {
  return error instanceof Error
    ? cleanError(stdSerializers.err(error) as unknown as Record<string, unknown>, 0)
    : error;
}

function cleanError(serialized: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(serialized)) {
    // The stack and message are ours (or the SDK's) to read; what the error carries besides goes through the policy.
    if (key === "stack" || key === "message" || key === "type") out[key] = v;
    else if (key === "cause" && typeof v === "object" && v !== null && depth < DEEPEST)
      out[key] = cleanError(v as Record<string, unknown>, depth + 1);
    else out[key] = PERSONAL_KEYS.has(key) ? summary(v) : clean(v, 1);
  }
  return out;
}

/** The bot's pino options: every log line, and every error in it, goes through the personal-data policy above. */
export const LOG_POLICY: LoggerOptions = {
  formatters: { log: withoutPersonalData },
  serializers: { err: errorWithoutPersonalData },
};
