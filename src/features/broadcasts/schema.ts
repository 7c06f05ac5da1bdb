import { z } from "zod";
import type { MessageKey } from "../../core/i18n.ts";
import { PLATFORMS } from "../../core/inbound.ts";
import { FORM_TEXT_MAX } from "../../core/reply.ts";
import { ROLES } from "../../core/roles.ts";

/**
 * Who a broadcast goes to. An empty dimension does not filter; dimensions combine with AND, the
 * values of one dimension with OR. A territory covers its descendants (a department its
 * intercommunalities and their communes), and reaches the members placed there and the members of
 * organisations located there: a France Services agent in Moissac is "in Terres des Confluences"
 * whether their profile names the commune or only their organisation does.
 */
export const segmentSchema = z.object({
  roles: z.array(z.enum(ROLES)).default([]),
  territoryIds: z.array(z.uuid()).default([]),
  organisationIds: z.array(z.uuid()).default([]),
  groupIds: z.array(z.uuid()).default([]),
  platform: z.enum(PLATFORMS).nullable().default(null),
});

export type Segment = z.output<typeof segmentSchema>;

/**
 * The longest message the form takes: what a form field may ask for on every platform (Slack's
 * 3000); each platform's own message limit is then checked against the recipients.
 */
export const MESSAGE_MAX = FORM_TEXT_MAX;

// A select sends one value, a multiselect several, an untouched optional field nothing: always a list.
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

const ids = (error: MessageKey) => list.pipe(z.array(z.uuid({ error })));

/** The broadcast form as submitted; error messages are locale keys, translated for the sender. */
export const broadcastFormSchema = z
  .object({
    message: z
      .string({ error: "broadcasts.errors.empty" satisfies MessageKey })
      .trim()
      .min(1, { error: "broadcasts.errors.empty" satisfies MessageKey })
      .max(MESSAGE_MAX, { error: "broadcasts.errors.formTooLong" satisfies MessageKey }),
    urgent: z.enum(["yes", "no", ""], { error: "broadcasts.errors.urgent" satisfies MessageKey }).default("no"),
    roles: list.pipe(z.array(z.enum(ROLES, { error: "broadcasts.errors.role" satisfies MessageKey }))),
    territory: ids("broadcasts.errors.territory"),
    organisation: ids("broadcasts.errors.organisation"),
    group: ids("broadcasts.errors.group"),
    platform: z
      .union([z.literal(""), z.enum(PLATFORMS)], { error: "broadcasts.errors.platform" satisfies MessageKey })
      .default(""),
  })
  .transform((f) => ({
    message: f.message,
    urgent: f.urgent === "yes",
    segment: {
      roles: [...new Set(f.roles)],
      territoryIds: [...new Set(f.territory)],
      organisationIds: [...new Set(f.organisation)],
      groupIds: [...new Set(f.group)],
      platform: f.platform || null,
    } satisfies Segment,
  }));

export type BroadcastForm = z.output<typeof broadcastFormSchema>;
