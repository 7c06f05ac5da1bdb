-- AlterTable
ALTER TABLE "FicheAction" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3),
ALTER COLUMN "target" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "emailDomain" TEXT,
ADD COLUMN     "siret" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_networkId_siret_key" ON "Organisation"("networkId", "siret");

