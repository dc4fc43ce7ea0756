-- A lead's verification moves out of "leads" into a narrow table of its own: a run writing a million
-- results then writes a million small rows, not a million new versions of leads rows with an entry in
-- each of their indexes (trigram and array GIN ones included). A lead never checked has no row, so the
-- status loses its "unverified" value.

-- AlterEnum
ALTER TYPE "LeadVerificationStatus" RENAME TO "LeadVerificationStatus_old";
CREATE TYPE "LeadVerificationStatus" AS ENUM ('valid', 'risky', 'invalid', 'unknown');

-- CreateTable
CREATE TABLE "lead_verifications" (
    "leadId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "status" "LeadVerificationStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_verifications_pkey" PRIMARY KEY ("leadId")
);

-- The checks made so far, with the time each was made (or, where none was recorded, the lead's last change).
INSERT INTO "lead_verifications" ("leadId", "organizationId", "status", "reason", "verifiedAt")
SELECT "id", "organizationId", "verificationStatus"::text::"LeadVerificationStatus", COALESCE("verificationReason", 'dns_error'),
       COALESCE("verifiedAt", "updatedAt")
FROM "leads"
WHERE "verificationStatus" <> 'unverified';

-- DropIndex
DROP INDEX "leads_organizationId_verificationStatus_idx";

-- AlterTable
ALTER TABLE "leads" DROP COLUMN "verificationReason",
DROP COLUMN "verificationStatus",
DROP COLUMN "verifiedAt";

DROP TYPE "LeadVerificationStatus_old";

-- CreateIndex
CREATE INDEX "lead_verifications_organizationId_status_idx" ON "lead_verifications"("organizationId", "status");

-- AddForeignKey
ALTER TABLE "lead_verifications" ADD CONSTRAINT "lead_verifications_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
