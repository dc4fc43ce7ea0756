-- AlterTable
ALTER TABLE "lead_verification_runs" ADD COLUMN     "runnerId" UUID;

