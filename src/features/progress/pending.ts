import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";
import type { CountCandidate } from "./line.ts";

/**
 * A progress line waiting for the member's choices, kept in the Conversation row of the account
 * they typed from (a restart loses nothing). `token` is in its buttons, so a button of an older
 * draft is recognised as stale. Days are Paris calendar days "YYYY-MM-DD".
 */
export interface ProgressDraft {
  token: string;
  text: string;
  /** One day, or the days the line named when it named several (asked). */
  days: string[];
  ficheId?: string;
  /** The fiches the line's codes named when they were several; empty: any fiche. */
  ficheChoices: string[];
  /** A code of the line no fiche has (in the plans it named): said above the fiche buttons. */
  unknownCode?: { code: string; plans: string[] };
  counts: CountCandidate[];
  /** Undefined until the member chooses; null for "no indicator". */
  indicatorId?: string | null;
  value?: number;
}

const FLOW = "progress-draft";

/** Stores a new draft in place of any earlier one (of any flow), with a fresh token. */
export async function startDraft(db: Db, networkId: string, identityId: string, content: Omit<ProgressDraft, "token">): Promise<ProgressDraft> {
  const draft = { token: randomBytes(4).toString("hex"), ...content };
  await saveDraft(db, networkId, identityId, draft);
  return draft;
}

/** Saves a draft under its own token (an answer to one of its questions). */
export async function saveDraft(db: Db, networkId: string, identityId: string, draft: ProgressDraft): Promise<void> {
  const data = JSON.parse(JSON.stringify(draft)) as Prisma.InputJsonObject;
  await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: FLOW, step: "confirm", data },
    update: { flow: FLOW, step: "confirm", data },
  });
}

/** The draft whose buttons carry `token`, or undefined when it was saved, dropped or replaced. */
export async function loadDraft(db: Db, identityId: string, token: string): Promise<ProgressDraft | undefined> {
  const row = await db.conversation.findUnique({ where: { identityId } });
  if (!row || row.flow !== FLOW) return undefined;
  const draft = row.data as unknown as ProgressDraft;
  return draft.token === token ? draft : undefined;
}

export async function dropDraft(db: Db | Prisma.TransactionClient, identityId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { identityId, flow: FLOW } });
}

/** Removes the draft with this token inside the saving transaction: false on a second press of Save. */
export async function consumeDraft(tx: Prisma.TransactionClient, identityId: string, token: string): Promise<boolean> {
  const { count } = await tx.conversation.deleteMany({ where: { identityId, flow: FLOW, data: { path: ["token"], equals: token } } });
  return count === 1;
}
