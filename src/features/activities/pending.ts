import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";
import type { ActivityDraft, Ambiguity } from "./draft.ts";

/**
 * A draft waiting for the adviser's confirmation, kept in the Conversation row of the platform
 * account they typed from, so that a restart loses nothing. `token` is in the draft's buttons:
 * a button of an older draft is recognised as stale.
 */
export interface PendingDraft {
  token: string;
  draft: ActivityDraft;
  ambiguities: Ambiguity[];
  unread: string[];
}

const FLOW = "activity-draft";

/** Stores a new draft in place of any earlier one, with a fresh token. */
export async function startDraft(db: Db, networkId: string, identityId: string, content: Omit<PendingDraft, "token">): Promise<PendingDraft> {
  const pending = { token: randomBytes(4).toString("hex"), ...content };
  await saveDraft(db, networkId, identityId, pending);
  return pending;
}

/** Saves a draft under its own token (an answer to one of its questions). */
export async function saveDraft(db: Db, networkId: string, identityId: string, pending: PendingDraft): Promise<void> {
  const data = pending as unknown as Prisma.InputJsonObject;
  await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: FLOW, step: "confirm", data },
    update: { flow: FLOW, step: "confirm", data },
  });
}

/** The draft whose buttons carry `token`, or undefined when it was confirmed, dropped or replaced. */
export async function loadDraft(db: Db, identityId: string, token: string): Promise<PendingDraft | undefined> {
  const row = await db.conversation.findUnique({ where: { identityId } });
  if (!row || row.flow !== FLOW) return undefined;
  const pending = row.data as unknown as PendingDraft;
  return pending.token === token ? pending : undefined;
}

/** Forgets the draft of this account, if there is one. */
export async function dropDraft(db: Db | Prisma.TransactionClient, identityId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { identityId, flow: FLOW } });
}

/**
 * Removes the draft with this token, inside the transaction that stores its report: false when it
 * is already gone (a second press of Confirm), so the report is not stored twice.
 */
export async function consumeDraft(tx: Prisma.TransactionClient, identityId: string, token: string): Promise<boolean> {
  const { count } = await tx.conversation.deleteMany({ where: { identityId, flow: FLOW, data: { path: ["token"], equals: token } } });
  return count === 1;
}
