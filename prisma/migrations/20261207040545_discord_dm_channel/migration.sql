-- AlterTable
ALTER TABLE "PlatformIdentity" ADD COLUMN     "dmChannelId" TEXT;

