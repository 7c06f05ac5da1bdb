-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3);

