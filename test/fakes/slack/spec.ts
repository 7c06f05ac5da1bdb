// Every Web API call checked against Slack's method list (slack-web-openapi-v2.json: each method's
// arguments, which are required, their types) and Block Kit (block-kit.ts). Methods added after that
// file was last updated (2020) are described from their pages on docs.slack.dev, below.
import { readSpec } from "../specs/files.ts";
import { blockKitErrors, homeSchema, messageBlocksSchema, modalSchema } from "./block-kit.ts";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  type?: string;
}
interface Swagger {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

/**
 * https://docs.slack.dev/reference/methods/files.getUploadURLExternal (filename, length required;
 * alt_txt, snippet_type optional) and …/files.completeUploadExternal (files required; channel_id,
 * channels, initial_comment, thread_ts optional).
 */
const LATER_METHODS: Record<string, Parameter[]> = {
  "files.getUploadURLExternal": [
    { name: "filename", in: "formData", required: true, type: "string" },
    { name: "length", in: "formData", required: true, type: "integer" },
    { name: "alt_txt", in: "formData", type: "string" },
    { name: "snippet_type", in: "formData", type: "string" },
  ],
  "files.completeUploadExternal": [
    { name: "files", in: "formData", required: true, type: "string" },
    { name: "channel_id", in: "formData", type: "string" },
    { name: "channels", in: "formData", type: "string" },
    { name: "initial_comment", in: "formData", type: "string" },
    { name: "thread_ts", in: "formData", type: "string" },
  ],
};

/** Reads the method list now (a 1 MB parse), when the fake starts rather than on its first call. */
export function loadSlackSpec(): void {
  readSpec<Swagger>("slack-web-openapi-v2.json");
}

function parametersOf(method: string): Parameter[] | undefined {
  if (LATER_METHODS[method]) return LATER_METHODS[method];
  const path = readSpec<Swagger>("slack-web-openapi-v2.json").paths[`/${method}`];
  if (!path) return undefined;
  return Object.values(path).flatMap((operation) => operation.parameters ?? []);
}

/** Slack's `ok: false` answer for a call its specification refuses, or undefined when it conforms. */
export function slackRefusal(
  method: string,
  body: Record<string, unknown>,
): { error: string; messages: string[] } | undefined {
  const parameters = parametersOf(method);
  if (!parameters) return { error: "unknown_method", messages: [] };
  const messages: string[] = [];
  for (const p of parameters) {
    if (p.name === "token") continue; // the bot token travels in the Authorization header
    const value = body[p.name];
    if (value === undefined || value === "") {
      if (p.required) messages.push(`[ERROR] missing required field: ${p.name}`);
      continue;
    }
    if (!typeMatches(p.type, value)) messages.push(`[ERROR] ${p.name} must be a ${p.type}`);
  }
  if (messages.length > 0) return { error: "invalid_arguments", messages };
  return blockRefusal(method, body);
}

/** Booleans and numbers come as form fields (strings) or JSON values; both are read alike by Slack. */
function typeMatches(type: string | undefined, value: unknown): boolean {
  const text = typeof value === "string" ? value : undefined;
  switch (type) {
    case "boolean":
      return typeof value === "boolean" || text === "true" || text === "false" || text === "1" || text === "0";
    case "integer":
      return Number.isInteger(value) || (text !== undefined && /^\d+$/.test(text));
    case "number":
      return typeof value === "number" || (text !== undefined && text.trim() !== "" && !Number.isNaN(Number(text)));
    default:
      return true;
  }
}

/** What Slack answers to a reply posted to a response_url whose blocks it refuses. */
export function responseUrlRefusal(body: Record<string, unknown>): { error: string; messages: string[] } | undefined {
  return blockRefusal("response_url", body);
}

/**
 * Blocks and views: chat.postMessage refuses bad blocks with `invalid_blocks`, views.* with
 * `invalid_arguments`. https://docs.slack.dev/reference/methods/chat.postMessage: a message needs
 * `text`, `blocks` or `attachments` (`no_text`).
 */
function blockRefusal(
  method: string,
  body: Record<string, unknown>,
): { error: string; messages: string[] } | undefined {
  if (["chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"].includes(method)) {
    const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
    if (method !== "chat.update" && !hasBlocks && !body.text && !body.attachments && !body.delete_original)
      return { error: "no_text", messages: [] };
    if (body.blocks === undefined) return undefined;
    const messages = blockKitErrors(messageBlocksSchema, body.blocks, "/blocks");
    return messages.length > 0 ? { error: "invalid_blocks", messages } : undefined;
  }
  if (["views.open", "views.publish", "views.update", "views.push"].includes(method)) {
    const view = body.view as { type?: string } | undefined;
    const messages = blockKitErrors(view?.type === "home" ? homeSchema : modalSchema, view, "/view");
    return messages.length > 0 ? { error: "invalid_arguments", messages } : undefined;
  }
  return undefined;
}
