import type { Locale, Translate } from "../core/i18n.ts";
import { createTranslator, DEFAULT_LOCALE } from "../core/i18n.ts";
import type { Reply } from "../core/reply.ts";
import type { Db } from "../db/database.ts";
import type { ClaimedMessage } from "./claims.ts";
import type { Notice, NoticeParam } from "./payload.ts";

/** What a live view gets: the recipient (if a member) and their language now. */
export interface LiveViewContext {
  db: Db;
  networkId: string;
  recipientMemberId: string | null;
  locale: Locale;
  t: Translate;
  now: Date;
}

/** Computes a message when it is sent; `null` when there is nothing to say any more (everyone answered). */
export type LiveView = (ctx: LiveViewContext, id: string) => Promise<Reply | null>;
export type LiveViews = Readonly<Record<string, LiveView>>;

/** What to do with a claimed message: send this Reply, or drop it with a reason (recorded as CANCELLED). */
export type Composed = { kind: "send"; reply: Reply } | { kind: "cancel"; reason: string };

const TIME_ZONE = "Europe/Paris";
const INSTANT_STYLES = {
  date: { dateStyle: "full" },
  datetime: { dateStyle: "full", timeStyle: "short" },
  time: { timeStyle: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

// Building an Intl.DateTimeFormat costs far more than using one: one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function renderParam(value: NoticeParam, locale: Locale, t: Translate): string | number {
  if (typeof value !== "object") return value;
  if ("phrase" in value) return t(value.phrase);
  const style = value.style ?? "datetime";
  let format = formatters.get(`${locale}:${style}`);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      ...INSTANT_STYLES[style],
      timeZone: TIME_ZONE,
    });
    formatters.set(`${locale}:${style}`, format);
  }
  return format.format(new Date(value.instant));
}

/** A notice in one language: its sentence, instants in Europe/Paris wall-clock time, its buttons. */
export function renderNotice(notice: Notice, locale: Locale): Reply {
  const t = createTranslator(locale);
  const params = Object.fromEntries(
    Object.entries(notice.params ?? {}).map(([k, v]) => [k, renderParam(v, locale, t)]),
  );
  const text = t(notice.key, params);
  const choices = (notice.choices ?? []).map((c) => ({
    id: c.id,
    label: t(c.label),
    ...(c.style ? { style: c.style } : {}),
  }));
  return choices.length > 0 ? { text, choices, visibility: "private" } : { text, visibility: "private" };
}

/**
 * Turns claimed rows into what is sent, in each recipient's language at this moment; a non-urgent
 * message in a category the member has muted since it was queued is dropped.
 */
export async function composeMessages(
  db: Db,
  messages: ClaimedMessage[],
  views: LiveViews,
  now: Date,
): Promise<Map<string, Composed>> {
  const memberIds = [...new Set(messages.flatMap((m) => (m.memberId ? [m.memberId] : [])))];
  const members = memberIds.length
    ? await db.member.findMany({
        where: { id: { in: memberIds } },
        select: { id: true, locale: true, mutedCategories: true },
      })
    : [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const out = new Map<string, Composed>();
  for (const m of messages) {
    const member = m.memberId ? byId.get(m.memberId) : undefined;
    if (!m.urgent && member?.mutedCategories.includes(m.category)) {
      out.set(m.id, { kind: "cancel", reason: `muted: ${m.category}` });
      continue;
    }
    const locale = (member?.locale ?? DEFAULT_LOCALE) as Locale;
    const payload = m.payload;
    if (payload.kind === "reply") out.set(m.id, { kind: "send", reply: payload.reply });
    else if (payload.kind === "notice") out.set(m.id, { kind: "send", reply: renderNotice(payload.notice, locale) });
    else {
      const view = views[payload.view];
      if (!view) {
        out.set(m.id, { kind: "cancel", reason: `unknown view: ${payload.view}` });
        continue;
      }
      const reply = await view(
        { db, networkId: m.networkId, recipientMemberId: m.memberId, locale, t: createTranslator(locale), now },
        payload.id,
      );
      out.set(m.id, reply ? { kind: "send", reply } : { kind: "cancel", reason: "nothing left to say" });
    }
  }
  return out;
}
