import { z } from "zod";
import type { MessageKey } from "../../core/i18n.ts";

const text = (v: unknown) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));

/** The group form as submitted; error messages are locale keys. */
export const groupFormSchema = z.object({
  name: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(2, { error: "groups.errors.name" satisfies MessageKey })
      .max(80, { error: "groups.errors.name" satisfies MessageKey }),
  ),
  description: z.preprocess(
    text,
    z
      .string()
      .trim()
      .max(500, { error: "groups.errors.description" satisfies MessageKey }),
  ),
  lead: z.preprocess(
    text,
    z
      .string()
      .trim()
      .transform((v) => v.slice(0, 80)),
  ),
  members: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, { error: "groups.errors.noMembers" satisfies MessageKey }),
  ),
});

export type GroupForm = z.output<typeof groupFormSchema>;
