-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "lastClaimAt" TIMESTAMP(3);

