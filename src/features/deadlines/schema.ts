import { z } from "zod";
import { DEFAULT_REMINDER_POLICY } from "../../calendar/reminders.ts";
import type { MessageKey } from "../../core/i18n.ts";

export const DEADLINE_KINDS = ["TASK", "MEETING", "NEWS_COLLECTION"] as const;

/** When a task or a news collection is due if no time is typed: the end of the working day, so the morning reminder of the day itself still goes. */
export const DEFAULT_DUE_MINUTE = 18 * 60;

const MAX_REMINDER_DAYS = 60;

/** "7, 2, 0" → [7, 2, 0]; empty → the default policy; anything but 1–10 whole numbers of days from 0 to 60 → null. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return [...DEFAULT_REMINDER_POLICY.days];
  if (parts.length > 10 || !parts.every((p) => /^\d{1,2}$/.test(p) && Number(p) <= MAX_REMINDER_DAYS)) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

const text = (v: unknown) => (Array.isArray(v) ? v.join(" ") : (v ?? ""));
const key = (k: MessageKey) => ({ error: k });

/** The deadline form as submitted; error messages are locale keys. Dates are read afterwards by the calendar. */
export const deadlineFormSchema = z.object({
  groupId: z.preprocess(
    text,
    z
      .string()
      .trim()
      .pipe(z.uuid(key("deadlines.errors.group"))),
  ),
  title: z.preprocess(
    text,
    z.string().trim().min(2, key("deadlines.errors.title")).max(120, key("deadlines.errors.title")),
  ),
  kind: z.preprocess(text, z.enum(DEADLINE_KINDS, key("deadlines.errors.kind"))),
  date: z.preprocess(text, z.string().trim().min(1, key("calendar.errors.date"))),
  time: z.preprocess(text, z.string().trim()),
  reminders: z.preprocess(
    text,
    z.string().transform((v, ctx) => {
      const days = parseReminderDays(v);
      if (days) return days;
      ctx.addIssue({ code: "custom", message: "deadlines.errors.reminders" satisfies MessageKey });
      return z.NEVER;
    }),
  ),
  recurrence: z.preprocess(text, z.string().trim()),
});

export type DeadlineForm = z.output<typeof deadlineFormSchema>;
