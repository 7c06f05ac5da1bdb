import { parseInstant } from "../../calendar/paris.ts";
import { describeRecurrence, parseRecurrence } from "../../calendar/recurrence.ts";
import { DEFAULT_REMINDER_POLICY } from "../../calendar/reminders.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { formatNames } from "../../shared/text.ts";
import { manageableGroups } from "../groups/data.ts";
import { DL } from "./actions.ts";
import { displayNamesOf } from "./data.ts";
import { formatParis } from "./format.ts";
import { createDeadline } from "./mutations.ts";
import { DEADLINE_KINDS, DEFAULT_DUE_MINUTE, deadlineFormSchema } from "./schema.ts";

type Values = Record<string, string | string[]>;

/** The deadline form for the groups this member manages, pre-filled with what was typed after a refusal. */
export async function deadlineForm(ctx: Context, values: Values = {}, problems: string[] = []): Promise<Reply[]> {
  const { t } = ctx;
  const groups = await manageableGroups(ctx.db, ctx.actor);
  if (groups.length === 0) return [say(t("deadlines.errors.noGroup"))];
  const v = (name: string, fallback = "") => {
    const value = values[name];
    return Array.isArray(value) ? value.join(" ") : (value ?? fallback);
  };
  return [
    {
      text: problems.length ? [t("deadlines.errors.intro"), ...problems].join("\n") : t("deadlines.form.intro"),
      visibility: "private",
      form: {
        id: "dlnew",
        title: t("deadlines.form.title"),
        submitLabel: t("deadlines.form.submit"),
        fields: [
          {
            name: "groupId",
            label: t("deadlines.form.group"),
            type: "select",
            required: true,
            value: v("groupId", groups[0]!.id),
            options: groups.map((g) => ({ value: g.id, label: g.name })),
          },
          {
            name: "title",
            label: t("deadlines.form.name"),
            type: "text",
            required: true,
            maxLength: 120,
            value: v("title"),
          },
          {
            name: "kind",
            label: t("deadlines.form.kind"),
            type: "select",
            required: true,
            value: v("kind", "TASK"),
            options: DEADLINE_KINDS.map((k) => ({ value: k, label: t(`deadlines.kinds.${k}`) })),
          },
          {
            name: "date",
            label: t("deadlines.form.date"),
            type: "text",
            required: true,
            maxLength: 20,
            value: v("date"),
          },
          {
            name: "time",
            label: t("deadlines.form.time"),
            type: "text",
            required: false,
            maxLength: 10,
            value: v("time"),
          },
          {
            name: "reminders",
            label: t("deadlines.form.reminders"),
            type: "text",
            required: false,
            maxLength: 40,
            value: v("reminders", DEFAULT_REMINDER_POLICY.days.join(", ")),
          },
          {
            name: "recurrence",
            label: t("deadlines.form.recurrence"),
            type: "text",
            required: false,
            maxLength: 100,
            value: v("recurrence"),
          },
        ],
      },
    },
  ];
}

/**
 * Creates the deadline and queues its reminders, or refuses before anything is queued: past or
 * unreadable date, meeting without a time, recurrence that never fires, bad reminder days, empty group.
 */
export async function saveDeadline(ctx: Context, values: Values): Promise<Reply[]> {
  const { t, actor } = ctx;
  const parsed = deadlineFormSchema.safeParse(values);
  if (!parsed.success)
    return deadlineForm(ctx, values, [...new Set(parsed.error.issues.map((i) => t(i.message as MessageKey)))]);
  const form = parsed.data;
  const group = (await manageableGroups(ctx.db, actor)).find((g) => g.id === form.groupId);
  if (!group) return deadlineForm(ctx, values, [t("deadlines.errors.group")]);
  if (form.kind === "MEETING" && !form.time) return deadlineForm(ctx, values, [t("deadlines.errors.meetingTime")]);
  const due = parseInstant(form.date, form.time || undefined, ctx.now, DEFAULT_DUE_MINUTE);
  if (!due.ok) return deadlineForm(ctx, values, [t(due.error)]);
  if (due.at <= ctx.now)
    return deadlineForm(ctx, values, [t("deadlines.errors.past", { due: formatParis(due.at, actor.locale) })]);
  const recurrence = parseRecurrence(form.recurrence, due.at);
  if (!recurrence.ok) return deadlineForm(ctx, values, [t(recurrence.error)]);
  const created = await createDeadline(
    ctx.db,
    {
      networkId: actor.networkId,
      groupId: group.id,
      title: form.title,
      kind: form.kind,
      dueAt: due.at,
      reminderDays: form.reminders,
      reminderMinute: DEFAULT_REMINDER_POLICY.minute,
      recurrence: recurrence.cron,
      createdById: actor.memberId,
    },
    ctx.platforms,
    ctx.now,
  );
  if (created.kind === "empty-group")
    return deadlineForm(ctx, values, [t("deadlines.errors.emptyGroup", { group: created.group })]);
  const { queued } = created;
  const unreachable = queued.unreachable.length ? await displayNamesOf(ctx.db, queued.unreachable) : [];
  const lines = [
    t("deadlines.created", {
      title: form.title,
      kind: t(`deadlines.kinds.${form.kind}`),
      group: group.name,
      due: formatParis(due.at, actor.locale),
    }),
    queued.first
      ? t("deadlines.createdReminders", { count: queued.count, first: formatParis(queued.first, actor.locale) })
      : t("deadlines.createdNoReminder"),
    ...(recurrence.cron
      ? [t("deadlines.createdRecurring", { recurrence: describeRecurrence(recurrence.cron, actor.locale) })]
      : []),
    ...(unreachable.length
      ? [
          t("deadlines.unreachable", {
            count: unreachable.length,
            names: formatNames(
              unreachable.map((m) => m.displayName),
              actor.locale,
              "",
            ),
          }),
        ]
      : []),
  ];
  return [say(lines.join("\n"), [{ id: pressId(DL.status, created.id), label: t("deadlines.buttons.status") }])];
}
