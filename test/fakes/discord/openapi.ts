// Every REST request checked against Discord's own OpenAPI 3.1 description of API v10
// (discord-openapi.json): the route and method exist, and the JSON body (or a multipart request's
// payload_json) validates against the route's request schema, with its lengths, counts and enums.
// The schemas are JSON Schema 2020-12, so Ajv's 2020 validator reads them as they are.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { readSpec } from "../specs/files.ts";

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

const DOC_ID = "https://discord.com/api/v10/openapi.json";
let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction | null>();
let routes: { pattern: RegExp; template: string }[] | undefined;

function doc(): OpenApi {
  return readSpec<OpenApi>("discord-openapi.json");
}

/** The route template ("/channels/{channel_id}/messages") a concrete path matches, if Discord has one. */
export function routeOf(path: string): string | undefined {
  routes ??= Object.keys(doc().paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }))
    // Literal segments win over parameters (/users/@me/channels before /users/{user_id}/channels).
    .sort((a, b) => b.template.replace(/\{[^}]+\}/g, "").length - a.template.replace(/\{[^}]+\}/g, "").length);
  return routes.find((r) => r.pattern.test(path))?.template;
}

/** Discord's 50035 "Invalid Form Body" errors object, or a 404/405 reason, for this request; undefined when it conforms. */
export function openApiRefusal(
  method: string,
  path: string,
  body: unknown,
): { status: number; errors?: Record<string, unknown>; message: string } | undefined {
  const template = routeOf(path);
  if (!template) return { status: 404, message: "404: Not Found" };
  const operation = doc().paths[template]![method.toLowerCase()];
  if (!operation) return { status: 405, message: "405: Method Not Allowed" };
  const validate = validatorFor(template, method.toLowerCase(), operation);
  if (!validate || body === undefined || body === "" || validate(body)) return undefined;
  return { status: 400, message: "Invalid Form Body", errors: discordErrors(validate.errors ?? []) };
}

/**
 * Compiles the validators of the routes the bot calls, once per process. Ajv compiles synchronously
 * (most of a second for the message schemas): done at start, it does not stall the gateway's
 * heartbeats in the middle of a test.
 */
export function warmUpOpenApi(): void {
  const routes: [string, string][] = [
    ["post", "/channels/{channel_id}/messages"],
    ["patch", "/channels/{channel_id}/messages/{message_id}"],
    ["post", "/interactions/{interaction_id}/{interaction_token}/callback"],
    ["post", "/webhooks/{webhook_id}/{webhook_token}"],
    ["patch", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"],
    ["put", "/applications/{application_id}/commands"],
    ["put", "/applications/{application_id}/guilds/{guild_id}/commands"],
    ["post", "/users/@me/channels"],
  ];
  for (const [method, template] of routes) {
    const operation = doc().paths[template]?.[method];
    if (operation) validatorFor(template, method, operation);
  }
}

function validatorFor(template: string, method: string, operation: Operation): ValidateFunction | null {
  const key = `${method} ${template}`;
  if (validators.has(key)) return validators.get(key)!;
  const hasJson = Boolean(operation.requestBody?.content?.["application/json"]?.schema);
  if (!ajv) {
    // strict: false because OpenAPI adds its own keywords (x-discord-union, discriminator...);
    // formats (int64, snowflake, uri) are not checked, as Discord reads them loosely.
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc() as object, DOC_ID);
  }
  const pointer = ["paths", template, method, "requestBody", "content", "application/json", "schema"]
    .map((p) => encodeURIComponent(p.replaceAll("~", "~0").replaceAll("/", "~1")))
    .join("/");
  const validate = hasJson ? ajv.compile({ $ref: `${DOC_ID}#/${pointer}` }) : null;
  validators.set(key, validate);
  return validate;
}

/**
 * Ajv's errors in Discord's shape: nested by the failing field's path, each leaf an `_errors` list.
 * A union of component types (oneOf on `type`) fails every branch but one on `type` itself: those
 * mismatches are noise when the branch that fits the type names the real fault.
 */
function discordErrors(errors: ErrorObject[]): Record<string, unknown> {
  const relevant = errors.filter((e) => !["oneOf", "anyOf", "allOf", "if"].includes(e.keyword));
  const real = relevant.filter((e) => !(["enum", "const"].includes(e.keyword) && e.instancePath.endsWith("/type")));
  const shown = real.length > 0 ? real : relevant.length > 0 ? relevant : errors;
  const root: Record<string, any> = {};
  const seen = new Set<string>();
  for (const error of shown) {
    const message = `${error.message ?? "invalid"}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ""}`;
    if (seen.has(error.instancePath + message)) continue;
    seen.add(error.instancePath + message);
    let node = root;
    for (const segment of error.instancePath.split("/").filter(Boolean)) node = node[segment] ??= {};
    (node._errors ??= []).push({ code: codeOf(error), message });
  }
  return root;
}

function codeOf(error: ErrorObject): string {
  switch (error.keyword) {
    case "maxLength":
      return "BASE_TYPE_MAX_LENGTH";
    case "minLength":
      return "BASE_TYPE_MIN_LENGTH";
    case "maxItems":
      return "BASE_TYPE_MAX_ITEMS";
    case "minItems":
      return "BASE_TYPE_MIN_ITEMS";
    case "required":
      return "BASE_TYPE_REQUIRED";
    case "enum":
    case "const":
      return "BASE_TYPE_CHOICES";
    default:
      return "BASE_TYPE_BAD_TYPE";
  }
}
