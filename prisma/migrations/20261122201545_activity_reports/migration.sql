-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('INDIVIDUAL', 'COLLECTIVE', 'ONE_OFF');

-- CreateEnum
CREATE TYPE "ActivityPlace" AS ENUM ('SUPPORT_SITE', 'OTHER_PLACE', 'HOME', 'REMOTE');

-- CreateTable
CREATE TABLE "ActivityReport" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "date" DATE NOT NULL,
    "durationMin" INTEGER NOT NULL,
    "place" "ActivityPlace" NOT NULL,
    "organisationId" UUID,
    "territoryId" UUID,
    "participants" INTEGER NOT NULL DEFAULT 1,
    "ageBrackets" JSONB,
    "themes" TEXT[],
    "procedures" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "equipment" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "autonomy" TEXT,
    "referred" BOOLEAN NOT NULL DEFAULT false,
    "referralKind" TEXT,
    "workshopTitle" TEXT,
    "workshopLevel" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ActivityReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivityReport_networkId_date_idx" ON "ActivityReport"("networkId", "date");

-- CreateIndex
CREATE INDEX "ActivityReport_memberId_date_idx" ON "ActivityReport"("memberId", "date");

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_territoryId_fkey" FOREIGN KEY ("territoryId") REFERENCES "Territory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

