-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "ficheActionId" UUID NOT NULL,
    "indicatorId" UUID,
    "date" DATE NOT NULL,
    "value" DECIMAL(12,2),
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GeneratedFile" (
    "id" UUID NOT NULL,
    "networkId" UUID NOT NULL,
    "memberId" UUID,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GeneratedFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgressReport_networkId_date_idx" ON "ProgressReport"("networkId", "date");

-- CreateIndex
CREATE INDEX "ProgressReport_indicatorId_date_idx" ON "ProgressReport"("indicatorId", "date");

-- CreateIndex
CREATE INDEX "ProgressReport_ficheActionId_date_idx" ON "ProgressReport"("ficheActionId", "date");

-- CreateIndex
CREATE INDEX "GeneratedFile_createdAt_idx" ON "GeneratedFile"("createdAt");

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_ficheActionId_fkey" FOREIGN KEY ("ficheActionId") REFERENCES "FicheAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneratedFile" ADD CONSTRAINT "GeneratedFile_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneratedFile" ADD CONSTRAINT "GeneratedFile_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

