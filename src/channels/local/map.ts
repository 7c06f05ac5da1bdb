import { randomUUID } from "node:crypto";
import type { InboundCommand, Input } from "../../core/inbound.ts";
import type { LocalMessage } from "./schema.ts";

/** A local web-chat message as the core sees it; every local user talks in the bound network. */
export function toInboundCommand(message: LocalMessage, networkSlug: string, receivedAt: Date): InboundCommand {
  const input: Input =
    "text" in message
      ? { kind: "text", text: message.text }
      : "action" in message
        ? { kind: "action", actionId: message.action }
        : { kind: "form", formId: message.form, values: message.values };
  return {
    eventId: message.id ? `${message.user}:${message.id}` : randomUUID(),
    platform: "local",
    externalUserId: message.user,
    displayName: message.user,
    scopeId: networkSlug,
    conversation: "private",
    forms: "native",
    input,
    receivedAt,
  };
}
