-- CreateIndex
CREATE INDEX "ActivityReport_memberId_createdAt_idx" ON "ActivityReport"("memberId", "createdAt");

