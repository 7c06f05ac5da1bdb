-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EventStatus" ADD VALUE 'PROPOSED';
ALTER TYPE "EventStatus" ADD VALUE 'REJECTED';

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "checkInCode" TEXT,
ADD COLUMN     "cohortId" UUID,
ADD COLUMN     "organisationId" UUID,
ADD COLUMN     "recurrence" TEXT,
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedById" UUID;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "cohortId" UUID;

-- CreateTable
CREATE TABLE "Cohort" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "arrivesOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Cohort_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Cohort_networkId_arrivesOn_idx" ON "Cohort"("networkId", "arrivesOn");

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_networkId_name_key" ON "Cohort"("networkId", "name");

-- CreateIndex
CREATE INDEX "Event_networkId_type_status_startsAt_idx" ON "Event"("networkId", "type", "status", "startsAt");

-- CreateIndex
CREATE INDEX "Event_cohortId_idx" ON "Event"("cohortId");

-- CreateIndex
CREATE UNIQUE INDEX "Event_networkId_checkInCode_key" ON "Event"("networkId", "checkInCode");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cohort" ADD CONSTRAINT "Cohort_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "intendedPublic" TEXT,
ADD COLUMN     "territoryId" UUID;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_territoryId_fkey" FOREIGN KEY ("territoryId") REFERENCES "Territory"("id") ON DELETE SET NULL ON UPDATE CASCADE;
