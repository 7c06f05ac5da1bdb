-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

