-- CreateEnum
CREATE TYPE "LeadVerificationStatus" AS ENUM ('unverified', 'valid', 'risky', 'invalid', 'unknown');

-- CreateEnum
CREATE TYPE "LeadVerificationRunStatus" AS ENUM ('queued', 'running', 'completed', 'failed');

-- AlterTable: organizations that exist keep importing without checks until they turn it on, new ones check.
ALTER TABLE "organizations" ADD COLUMN     "verifyLeadsAtImport" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "organizations" ALTER COLUMN "verifyLeadsAtImport" SET DEFAULT true;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "verificationReason" TEXT,
ADD COLUMN     "verificationStatus" "LeadVerificationStatus" NOT NULL DEFAULT 'unverified',
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "lead_imports" ADD COLUMN     "verifyAddresses" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "lead_verification_runs" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "status" "LeadVerificationRunStatus" NOT NULL DEFAULT 'queued',
    "importId" UUID,
    "selection" JSONB NOT NULL DEFAULT '{}',
    "total" INTEGER NOT NULL DEFAULT 0,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "risky" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "domains" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_verification_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_verification_runs_organizationId_createdAt_idx" ON "lead_verification_runs"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "lead_verification_runs_importId_idx" ON "lead_verification_runs"("importId");

-- CreateIndex
CREATE INDEX "leads_organizationId_verificationStatus_idx" ON "leads"("organizationId", "verificationStatus");

-- AddForeignKey
ALTER TABLE "lead_verification_runs" ADD CONSTRAINT "lead_verification_runs_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

