-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "privacyController" TEXT,
ADD COLUMN     "privacyDpoContact" TEXT,
ADD COLUMN     "privacyNotice" TEXT,
ADD COLUMN     "privacyNoticeUrl" TEXT,
ADD COLUMN     "retentionDays" JSONB;

