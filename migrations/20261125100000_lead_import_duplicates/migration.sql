-- AlterTable
ALTER TABLE "lead_imports" ADD COLUMN     "duplicates" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "inActiveCampaign" INTEGER;
