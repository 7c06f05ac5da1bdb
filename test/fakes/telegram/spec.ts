// Every Bot API call checked against Telegram's own method and type tables (telegram-bot-api.json:
// Bot API 10.1, generated from https://core.telegram.org/bots/api): the method exists, required
// parameters are there, each value has one of the documented types, and the limits the
// descriptions state ("1-4096 characters", "1-64 bytes", "must be one of ...") hold.
import { readSpec } from "../specs/files.ts";

interface Field {
  name: string;
  types: string[];
  required: boolean;
  description: string;
}
interface Entry {
  name: string;
  description?: string[];
  fields?: Field[];
  subtypes?: string[];
}
interface TelegramSpec {
  methods: Record<string, Entry>;
  types: Record<string, Entry>;
}

const spec = () => readSpec<TelegramSpec>("telegram-bot-api.json");

/** https://core.telegram.org/bots/api#formatting-options: the three parse modes. */
const PARSE_MODES = new Set(["HTML", "MarkdownV2", "Markdown"]);

/**
 * Why Telegram would answer 400 to this call ("Bad Request: ..."), or undefined. `params` are as
 * the server read them: top-level values of a multipart form are strings, as Telegram accepts them.
 */
export function specRefusal(method: string, params: Record<string, unknown>): string | undefined {
  const entry = Object.values(spec().methods).find((m) => m.name.toLowerCase() === method.toLowerCase());
  if (!entry) return undefined; // the caller answers 404 "method not found", as Telegram does
  for (const field of entry.fields ?? []) {
    // Entities are checked by the server as Telegram reports them ("can't parse entities").
    if (field.name === "entities" || field.name === "caption_entities") continue;
    const value = params[field.name];
    if (value === undefined || value === null) {
      if (field.required) return `Bad Request: parameter "${field.name}" is required`;
      continue;
    }
    const problem = valueProblem(field, value, field.name, true);
    if (problem) return `Bad Request: ${problem}`;
  }
  return undefined;
}

function valueProblem(field: Field, value: unknown, path: string, topLevel: boolean): string | undefined {
  const problems = field.types.map((type) => typeProblem(type, value, path, topLevel));
  if (problems.some((p) => p === undefined)) return limitProblem(field, value, path);
  return (
    problems.find((p) => p && !p.startsWith("wrong type")) ??
    `wrong type of ${path}: expected ${field.types.join(" or ")}`
  );
}

function typeProblem(type: string, value: unknown, path: string, topLevel: boolean): string | undefined {
  const wrong = `wrong type of ${path}`;
  const arrayOf = /^Array of (.+)$/.exec(type);
  if (arrayOf) {
    if (!Array.isArray(value)) return wrong;
    for (const [i, item] of value.entries()) {
      const problem = typeProblem(arrayOf[1]!, item, `${path}[${i}]`, false);
      if (problem) return problem === wrong ? `${wrong}[${i}]` : problem;
    }
    return undefined;
  }
  // Telegram reads top-level parameters from strings (query, form fields) as readily as from JSON.
  const text = topLevel && typeof value === "string";
  switch (type) {
    case "String":
      return typeof value === "string" ? undefined : wrong;
    case "Integer":
      return Number.isInteger(value) || (text && /^-?\d+$/.test(value)) ? undefined : wrong;
    case "Float":
      return typeof value === "number" || (text && value.trim() !== "" && !Number.isNaN(Number(value)))
        ? undefined
        : wrong;
    case "Boolean":
    case "True":
      return typeof value === "boolean" || (text && /^(true|false)$/.test(value)) ? undefined : wrong;
    case "InputFile":
      return typeof value === "string" && value.startsWith("attach://") ? undefined : wrong;
  }
  const entry = spec().types[type];
  if (!entry) return undefined;
  if (entry.subtypes)
    return entry.subtypes.some((sub) => typeProblem(sub, value, path, false) === undefined)
      ? undefined
      : (entry.subtypes
          .map((sub) => typeProblem(sub, value, path, false))
          .find((p) => p && !p.startsWith("wrong type")) ?? wrong);
  return objectProblem(entry, value, path);
}

function objectProblem(entry: Entry, value: unknown, path: string): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `wrong type of ${path}`;
  const object = value as Record<string, unknown>;
  for (const field of entry.fields ?? []) {
    const given = object[field.name];
    if (given === undefined) {
      if (field.required) return `field "${field.name}" of ${path} must be given`;
      continue;
    }
    const problem = valueProblem(field, given, `${path}.${field.name}`, false);
    if (problem) return problem;
  }
  return ruleProblem(entry, object, path);
}

/** Rules a type's own description states in prose. */
function ruleProblem(entry: Entry, object: Record<string, unknown>, path: string): string | undefined {
  // InlineKeyboardButton: "Exactly one of the fields other than text, icon_custom_emoji_id, and style must be used".
  if (entry.name === "InlineKeyboardButton") {
    const kinds = Object.keys(object).filter((k) => !["text", "icon_custom_emoji_id", "style"].includes(k));
    if (kinds.length !== 1)
      return `${path}: an inline keyboard button needs exactly one action field, got ${kinds.length}`;
  }
  return undefined;
}

/** The lengths, byte counts and enumerations a field's description documents. */
function limitProblem(field: Field, value: unknown, path: string): string | undefined {
  const d = field.description;
  if (typeof value === "string") {
    const chars = /(\d+)-(\d+) characters/.exec(d);
    if (chars && (value.length < Number(chars[1]) || value.length > Number(chars[2])))
      return `${path} must be ${chars[1]}-${chars[2]} characters, got ${value.length}`;
    const bytes = /(\d+)-(\d+) bytes/.exec(d);
    const size = Buffer.byteLength(value);
    if (bytes && (size < Number(bytes[1]) || size > Number(bytes[2])))
      return `${path} must be ${bytes[1]}-${bytes[2]} bytes, got ${size}`;
    const oneOf = /must be one of ([^.]+)/i.exec(d);
    const allowed = oneOf ? [...oneOf[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
    if (allowed.length > 0 && !allowed.includes(value)) return `${path} must be one of ${allowed.join(", ")}`;
    const exactly = /, must be (\w+)$/.exec(d);
    if (field.name === "type" && exactly && value !== exactly[1]) return `${path} must be ${exactly[1]}`;
    if (field.name === "parse_mode" && !PARSE_MODES.has(value)) return `unsupported parse_mode "${value}"`;
  }
  if (Array.isArray(value)) {
    const most = /[Aa]t most (\d+)/.exec(d);
    if (most && value.length > Number(most[1])) return `${path}: at most ${most[1]} allowed, got ${value.length}`;
  }
  return undefined;
}

/** Reads the tables now (a 900 kB parse): done when the fake starts, it cannot bunch the first calls of a timed test. */
export function loadTelegramSpec(): void {
  spec();
}

/** Whether Telegram has this method. */
export function knownMethod(method: string): boolean {
  return Object.values(spec().methods).some((m) => m.name.toLowerCase() === method.toLowerCase());
}
