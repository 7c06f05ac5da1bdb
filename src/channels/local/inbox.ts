import { z } from "zod";
import type { Reply } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { localUser } from "./schema.ts";

/** Messages per answer; a page that is behind asks again from where the answer stops. */
export const INBOX_PAGE = 100;
/**
 * How far back the cursor stays behind the clock. A row is stamped before its write commits, so a
 * poll may run in between and not see it; asking again from a little earlier catches it, and the
 * page skips what it already shows.
 */
export const INBOX_OVERLAP_MS = 5_000;

const inboxQuery = z
  .object({
    user: localUser,
    since: z.iso.datetime({ offset: true, error: "must be a date and time in ISO 8601, e.g. 2026-11-23T09:00:00Z" }),
  })
  .strict();

export interface InboxMessage {
  id: string;
  reply: Reply;
  createdAt: string;
  updatedAt: string;
}

/** The answer of GET /api/local/inbox: `now` is what to pass as `since` next time. */
export interface InboxPage {
  messages: InboxMessage[];
  now: string;
}

/** Validates `?user=&since=`; the reason names the parameter at fault. */
export function parseInboxQuery(
  query: unknown,
): { ok: true; user: string; since: Date } | { ok: false; reason: string } {
  const parsed = inboxQuery.safeParse(query ?? {});
  // A cursor before 1970 asks for everything: the database refuses some such dates (year 0).
  if (parsed.success)
    return { ok: true, user: parsed.data.user, since: new Date(Math.max(0, Date.parse(parsed.data.since))) };
  return {
    ok: false,
    reason: parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "),
  };
}

/**
 * The user's messages delivered or edited after `since`, oldest change first, at most INBOX_PAGE.
 * The route refuses a user of another network than the one its web chat serves before asking.
 */
export async function readInbox(db: Db, user: string, since: Date, now: Date): Promise<InboxPage> {
  const rows = await db.localInboxMessage.findMany({
    where: { userId: user, updatedAt: { gt: since } },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: INBOX_PAGE,
  });
  const messages = rows.map((r) => ({
    id: r.id,
    reply: r.payload as unknown as Reply,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
  // A full page: go on just before its last change (rows changed in that same millisecond come again).
  const last = rows.at(-1);
  const cursor = rows.length === INBOX_PAGE && last ? last.updatedAt.getTime() - 1 : now.getTime() - INBOX_OVERLAP_MS;
  return { messages, now: new Date(cursor).toISOString() };
}
