import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Db, DbClient, Tx } from "../../db/database.ts";

/** A draft's token as its buttons carry it: 4 random bytes in hex. */
export const draftToken = z
  .string()
  .max(8)
  .regex(/^[0-9a-f]{8}$/);

/**
 * Drafts waiting for a member's choices (an activity line, a progress line), kept in the
 * Conversation row of the platform account they typed from, so that a restart loses nothing. One
 * draft per account: a new one replaces any earlier one, of any flow. `token` is in the draft's
 * buttons, so a button of an older draft is recognised as stale.
 */
export interface DraftStore<T extends { token: string }> {
  /** Stores a new draft in place of any earlier one, with a fresh token. */
  start(db: Db, networkId: string, identityId: string, content: Omit<T, "token">): Promise<T>;
  /** Saves a draft under its own token (an answer to one of its questions). */
  save(db: Db, networkId: string, identityId: string, draft: T): Promise<void>;
  /** The draft whose buttons carry `token`, or undefined when it was saved, dropped or replaced. */
  load(db: Db, identityId: string, token: string): Promise<T | undefined>;
  /** Forgets the draft of this account, if there is one. */
  drop(db: DbClient, identityId: string): Promise<void>;
  /** Removes the draft with this token inside the transaction that stores its result: false on a second press. */
  consume(tx: Tx, identityId: string, token: string): Promise<boolean>;
}

/** The draft store of one flow ("activity-draft", "progress-draft"). */
export function draftStore<T extends { token: string }>(flow: string): DraftStore<T> {
  const save = async (db: Db, networkId: string, identityId: string, draft: T): Promise<void> => {
    // A JSON round trip drops undefined fields, which a Json column refuses.
    const data = JSON.parse(JSON.stringify(draft)) as Prisma.InputJsonObject;
    await db.conversation.upsert({
      where: { identityId },
      create: { networkId, identityId, flow, step: "confirm", data },
      update: { flow, step: "confirm", data },
    });
  };
  return {
    save,
    start: async (db, networkId, identityId, content) => {
      const draft = { token: randomBytes(4).toString("hex"), ...content } as T;
      await save(db, networkId, identityId, draft);
      return draft;
    },
    load: async (db, identityId, token) => {
      const row = await db.conversation.findUnique({ where: { identityId } });
      if (!row || row.flow !== flow) return undefined;
      const draft = row.data as unknown as T;
      return draft.token === token ? draft : undefined;
    },
    drop: async (db, identityId) => {
      await db.conversation.deleteMany({ where: { identityId, flow } });
    },
    consume: async (tx, identityId, token) => {
      const { count } = await tx.conversation.deleteMany({
        where: { identityId, flow, data: { path: ["token"], equals: token } },
      });
      return count === 1;
    },
  };
}
