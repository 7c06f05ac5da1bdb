import { Prisma } from "@prisma/client";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { cancelPending } from "../../delivery/outbox.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { queueDeadlineMessages } from "../deadlines/schedule.ts";
import { openDeadlinesOf } from "./data.ts";

export interface NewGroup {
  networkId: string;
  name: string;
  description: string | null;
  leadMemberId: string | null;
  memberIds: string[];
  createdById: string;
  now: Date;
}

/** Creates a group with its members in one transaction; a name already used in the network is refused. */
export async function createGroup(
  db: Db,
  input: NewGroup,
): Promise<{ kind: "created"; id: string } | { kind: "name-taken" }> {
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.workingGroup.count({
        where: { networkId: input.networkId, name: { equals: input.name, mode: "insensitive" } },
      });
      if (taken > 0) return { kind: "name-taken" } as const;
      const group = await tx.workingGroup.create({
        data: {
          networkId: input.networkId,
          name: input.name,
          description: input.description,
          leadMemberId: input.leadMemberId,
          createdById: input.createdById,
          createdAt: input.now,
        },
      });
      await tx.workingGroupMember.createMany({
        data: input.memberIds.map((memberId) => ({
          groupId: group.id,
          memberId,
          networkId: input.networkId,
          joinedAt: input.now,
        })),
      });
      await recordAudit(tx, {
        networkId: input.networkId,
        actorMemberId: input.createdById,
        action: "group.create",
        outcome: "allowed",
        details: { groupId: group.id, members: input.memberIds.length },
        at: input.now,
      });
      return { kind: "created", id: group.id } as const;
    });
  } catch (error) {
    // Two coordinators creating the same name at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { kind: "name-taken" };
    throw error;
  }
}

/** Why a member's reminders were withdrawn when they left a group. */
const LEFT_GROUP = "left the group";

/**
 * Adds members to a group; they get the reminders still ahead of its open deadlines, queued in the
 * same transaction (idempotency keys make adding someone twice harmless). Returns who was new.
 */
export async function addGroupMembers(
  db: Db,
  input: { networkId: string; groupId: string; memberIds: string[]; platforms: readonly Platform[]; now: Date },
): Promise<string[]> {
  const deadlines = await openDeadlinesOf(db, input.groupId, input.now);
  const followed = deadlines.flatMap((d) =>
    [d.group.leadMemberId, d.createdById].filter((id): id is string => id !== null),
  );
  const recipients = await findRecipients(db, [...new Set([...input.memberIds, ...followed])], input.platforms);
  return db.$transaction(async (tx) => {
    const already = await tx.workingGroupMember.findMany({
      where: { groupId: input.groupId, memberId: { in: input.memberIds } },
      select: { memberId: true },
    });
    const fresh = input.memberIds.filter((id) => !already.some((a) => a.memberId === id));
    await tx.workingGroupMember.createMany({
      data: fresh.map((memberId) => ({
        groupId: input.groupId,
        memberId,
        networkId: input.networkId,
        joinedAt: input.now,
      })),
      skipDuplicates: true,
    });
    // Someone who left and comes back: the reminders withdrawn when they left hold their keys; they go.
    if (fresh.length > 0 && deadlines.length > 0) {
      await tx.outboundMessage.deleteMany({
        where: {
          causeId: { in: deadlines.map((d) => d.id) },
          memberId: { in: fresh },
          status: "CANCELLED",
          lastError: LEFT_GROUP,
        },
      });
    }
    for (const d of deadlines) await queueDeadlineMessages(tx, d, fresh, recipients, input.now);
    return fresh;
  });
}

/** Removes members from a group and withdraws their pending reminders of its deadlines. Returns who was removed. */
export async function removeGroupMembers(
  db: Db,
  input: { groupId: string; memberIds: string[]; now: Date },
): Promise<string[]> {
  const deadlines = await openDeadlinesOf(db, input.groupId, input.now);
  return db.$transaction(async (tx) => {
    const present = await tx.workingGroupMember.findMany({
      where: { groupId: input.groupId, memberId: { in: input.memberIds } },
      select: { memberId: true },
    });
    const ids = present.map((p) => p.memberId);
    await tx.workingGroupMember.deleteMany({ where: { groupId: input.groupId, memberId: { in: ids } } });
    for (const d of deadlines) for (const memberId of ids) await cancelPending(tx, d.id, LEFT_GROUP, memberId);
    return ids;
  });
}
