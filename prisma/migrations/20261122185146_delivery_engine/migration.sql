-- CreateEnum
CREATE TYPE "DeadlineKind" AS ENUM ('TASK', 'MEETING', 'NEWS_COLLECTION');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('DONE', 'ATTENDING', 'CANT');

-- CreateEnum
CREATE TYPE "BroadcastStatus" AS ENUM ('DRAFT', 'SENDING', 'DONE', 'CANCELLED');

-- AlterEnum
ALTER TYPE "OutboundStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "mutedCategories" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "causeId" UUID,
ADD COLUMN     "urgent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "WorkingGroup" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "leadMemberId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WorkingGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingGroupMember" (
    "groupId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkingGroupMember_pkey" PRIMARY KEY ("groupId","memberId")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "DeadlineKind" NOT NULL DEFAULT 'TASK',
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "reminderDays" INTEGER[] DEFAULT ARRAY[7, 2, 0]::INTEGER[],
    "reminderMinute" INTEGER NOT NULL DEFAULT 540,
    "recurrence" TEXT,
    "seriesId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineResponse" (
    "deadlineId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "status" "ResponseStatus" NOT NULL,
    "reason" TEXT,
    "respondedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineResponse_pkey" PRIMARY KEY ("deadlineId","memberId")
);

-- CreateTable
CREATE TABLE "CollectedItem" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "deadlineId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollectedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "senderMemberId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "segment" JSONB NOT NULL,
    "status" "BroadcastStatus" NOT NULL DEFAULT 'DRAFT',
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "muted" INTEGER NOT NULL DEFAULT 0,
    "unreachable" INTEGER NOT NULL DEFAULT 0,
    "progressShown" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalInboxMessage" (
    "id" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LocalInboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkingGroup_networkId_name_key" ON "WorkingGroup"("networkId", "name");

-- CreateIndex
CREATE INDEX "WorkingGroupMember_memberId_idx" ON "WorkingGroupMember"("memberId");

-- CreateIndex
CREATE INDEX "Deadline_networkId_dueAt_idx" ON "Deadline"("networkId", "dueAt");

-- CreateIndex
CREATE INDEX "Deadline_groupId_idx" ON "Deadline"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_seriesId_dueAt_key" ON "Deadline"("seriesId", "dueAt");

-- CreateIndex
CREATE INDEX "CollectedItem_deadlineId_createdAt_idx" ON "CollectedItem"("deadlineId", "createdAt");

-- CreateIndex
CREATE INDEX "Broadcast_networkId_status_idx" ON "Broadcast"("networkId", "status");

-- CreateIndex
CREATE INDEX "LocalInboxMessage_userId_updatedAt_idx" ON "LocalInboxMessage"("userId", "updatedAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_causeId_status_idx" ON "OutboundMessage"("causeId", "status");

-- AddForeignKey
ALTER TABLE "WorkingGroup" ADD CONSTRAINT "WorkingGroup_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroup" ADD CONSTRAINT "WorkingGroup_leadMemberId_fkey" FOREIGN KEY ("leadMemberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupMember" ADD CONSTRAINT "WorkingGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupMember" ADD CONSTRAINT "WorkingGroupMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineResponse" ADD CONSTRAINT "DeadlineResponse_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineResponse" ADD CONSTRAINT "DeadlineResponse_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectedItem" ADD CONSTRAINT "CollectedItem_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectedItem" ADD CONSTRAINT "CollectedItem_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_senderMemberId_fkey" FOREIGN KEY ("senderMemberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

