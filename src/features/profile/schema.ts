import { z } from "zod";
import type { MessageKey } from "../../core/i18n.ts";

const clock = z
  .string({ error: "profile.errors.time" satisfies MessageKey })
  .trim()
  .regex(/^([01]?\d|2[0-3])[:hH]([0-5]\d)$/, { error: "profile.errors.time" satisfies MessageKey })
  .transform((v) => {
    const [h, m] = v.split(/[:hH]/).map(Number);
    return h! * 60 + m!;
  });

const uuid = z.uuid();
function isIdOrEmpty(value: string): boolean {
  return value === "" || uuid.safeParse(value).success;
}

/** The profile form as submitted; error messages are locale keys, translated for the member. */
export const profileFormSchema = z.object({
  displayName: z
    .string({ error: "profile.errors.name" satisfies MessageKey })
    .trim()
    .min(2, { error: "profile.errors.name" satisfies MessageKey })
    .max(80, { error: "profile.errors.name" satisfies MessageKey }),
  // Chosen from lists of ids; anything else (a forged form) is refused here, before any query.
  organisationId: z
    .string({ error: "profile.errors.organisation" satisfies MessageKey })
    .trim()
    .default("")
    .refine(isIdOrEmpty, { error: "profile.errors.organisation" satisfies MessageKey }),
  territoryId: z
    .string({ error: "profile.errors.territory" satisfies MessageKey })
    .trim()
    .default("")
    .refine(isIdOrEmpty, { error: "profile.errors.territory" satisfies MessageKey }),
  quietStart: clock,
  quietEnd: clock,
});

export type ProfileForm = z.output<typeof profileFormSchema>;
