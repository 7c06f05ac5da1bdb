import type { InboundCommand, Input } from "./inbound.ts";

/** Text PostgreSQL can store: no NUL byte (it refuses them) and no lone surrogate (not valid UTF-8). */
export function storableText(value: string): string {
  return value.toWellFormed().replaceAll("\u0000", "");
}

/** A name to show: storable, on one line, without control or text-direction characters (which can disguise a name); the fallback when nothing is left. */
export function displayableName(value: string, fallback: string): string {
  const name = storableText(value)
    .replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return name || fallback;
}

/**
 * What arrives from a platform made safe to store: any platform may hand over a NUL byte or a lone
 * surrogate (a name, an id, a typed message), and the database would refuse the whole message.
 */
export function sanitiseInbound(inbound: InboundCommand): InboundCommand {
  return {
    ...inbound,
    eventId: storableText(inbound.eventId),
    externalUserId: storableText(inbound.externalUserId),
    displayName: displayableName(inbound.displayName, storableText(inbound.externalUserId)),
    scopeId: storableText(inbound.scopeId),
    input: sanitiseInput(inbound.input),
  };
}

function sanitiseInput(input: Input): Input {
  if (input.kind === "text") return { kind: "text", text: storableText(input.text) };
  if (input.kind === "action") return { kind: "action", actionId: storableText(input.actionId) };
  const values = Object.fromEntries(
    Object.entries(input.values).map(([k, v]) => [
      storableText(k),
      Array.isArray(v) ? v.map(storableText) : storableText(v),
    ]),
  );
  return { kind: "form", formId: storableText(input.formId), values };
}
