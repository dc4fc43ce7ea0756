-- CreateTable
CREATE TABLE "send_leases" (
    "messageId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "send_leases_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "send_leases_campaignId_leaseExpiresAt_idx" ON "send_leases"("campaignId", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "send_leases_mailboxId_leaseExpiresAt_idx" ON "send_leases"("mailboxId", "leaseExpiresAt");

-- AddForeignKey
ALTER TABLE "send_leases" ADD CONSTRAINT "send_leases_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Campaign sends in flight move to their lease rows, and their messages wait as queued until the result comes.
INSERT INTO "send_leases" ("messageId", "organizationId", "campaignId", "mailboxId", "attempt", "subject", "leaseExpiresAt", "createdAt")
SELECT "id", "organizationId", "campaignId", "mailboxId", "attempt", COALESCE("subject", ''), "leaseExpiresAt", "updatedAt"
FROM "messages" WHERE "status" = 'claimed' AND "mailboxId" IS NOT NULL AND "leaseExpiresAt" IS NOT NULL;

-- One whose mailbox is gone (or that has no lease end) returns to the queue, as an expired lease would.
UPDATE "messages"
SET "mayHaveBeenSent" = "mayHaveBeenSent" OR NOT EXISTS (SELECT 1 FROM "send_leases" l WHERE l."messageId" = "messages"."id"),
    "status" = 'queued', "leaseExpiresAt" = NULL, "mailboxId" = NULL
WHERE "status" = 'claimed';
