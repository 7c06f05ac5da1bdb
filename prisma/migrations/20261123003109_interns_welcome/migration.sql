-- CreateEnum
CREATE TYPE "WelcomeRequestStatus" AS ENUM ('OPEN', 'ANSWERED');

-- AlterEnum
ALTER TYPE "MemberStatus" ADD VALUE 'LEFT';

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "inviteCode" TEXT,
ADD COLUMN     "inviteExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "sites" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "arrivesOn" DATE,
ADD COLUMN     "keepInTouch" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "leftAt" TIMESTAMPTZ(3),
ADD COLUMN     "placementSite" TEXT;

-- CreateTable
CREATE TABLE "WelcomeRequest" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "memberId" UUID,
    "cohortId" UUID,
    "site" TEXT,
    "territoryId" UUID,
    "question" TEXT,
    "status" "WelcomeRequestStatus" NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredById" UUID,
    "answeredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WelcomeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventFeedback" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "memberId" UUID,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WelcomeRequest_networkId_status_createdAt_idx" ON "WelcomeRequest"("networkId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WelcomeRequest_memberId_idx" ON "WelcomeRequest"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "EventFeedback_eventId_memberId_key" ON "EventFeedback"("eventId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_inviteCode_key" ON "Cohort"("inviteCode");

-- AddForeignKey
ALTER TABLE "WelcomeRequest" ADD CONSTRAINT "WelcomeRequest_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WelcomeRequest" ADD CONSTRAINT "WelcomeRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WelcomeRequest" ADD CONSTRAINT "WelcomeRequest_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WelcomeRequest" ADD CONSTRAINT "WelcomeRequest_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventFeedback" ADD CONSTRAINT "EventFeedback_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventFeedback" ADD CONSTRAINT "EventFeedback_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventFeedback" ADD CONSTRAINT "EventFeedback_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

