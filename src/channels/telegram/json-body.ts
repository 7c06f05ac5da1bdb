import type { WebhookRequest } from "../../core/webhook.ts";

type Read = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * The body of a webhook request as the server reads JSON elsewhere: JSON under `application/json`,
 * text under `text/plain`, nothing when there is no body; any other type is refused, and so is
 * empty or malformed JSON, with the server's error codes.
 */
export function readJson(request: WebhookRequest): Read {
  const header = request.headers["content-type"];
  const mediaType = typeof header === "string" ? header.split(";")[0]!.trim().toLowerCase() : undefined;
  if (mediaType === undefined && request.rawBody.length === 0) return { ok: true, value: undefined };
  if (mediaType === "text/plain") return { ok: true, value: request.rawBody.toString("utf8") };
  if (mediaType !== "application/json")
    return { ok: false, error: { code: "unsupported_media_type", message: "Unsupported Media Type" } };
  if (request.rawBody.length === 0)
    return {
      ok: false,
      error: { code: "invalid_json", message: "Body cannot be empty when content-type is set to 'application/json'" },
    };
  try {
    return { ok: true, value: JSON.parse(request.rawBody.toString("utf8")) };
  } catch {
    return {
      ok: false,
      error: { code: "invalid_json", message: "Body is not valid JSON but content-type is set to 'application/json'" },
    };
  }
}
