-- CreateEnum
CREATE TYPE "WarmupKind" AS ENUM ('initial', 'reply');

-- CreateEnum
CREATE TYPE "WarmupPlacement" AS ENUM ('inbox', 'spam', 'missing');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "warmupInstancePool" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "mailbox_warmups" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "targetPerDay" INTEGER NOT NULL DEFAULT 30,
    "rampStart" INTEGER NOT NULL DEFAULT 2,
    "rampStep" INTEGER NOT NULL DEFAULT 2,
    "replyRatePercent" INTEGER NOT NULL DEFAULT 30,
    "weekdaysOnly" BOOLEAN NOT NULL DEFAULT true,
    "startedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailbox_warmups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warmup_messages" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "tag" TEXT NOT NULL,
    "senderMailboxId" UUID NOT NULL,
    "recipientMailboxId" UUID NOT NULL,
    "recipientOrganizationId" UUID NOT NULL,
    "kind" "WarmupKind" NOT NULL,
    "inReplyToId" UUID,
    "inReplyToHeader" TEXT,
    "references" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "providerThreadId" TEXT,
    "plannedDay" TEXT,
    "status" "MessageStatus" NOT NULL DEFAULT 'queued',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "mayHaveBeenSent" BOOLEAN NOT NULL DEFAULT false,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "leaseExpiresAt" TIMESTAMP(3),
    "resultEventId" TEXT,
    "lastError" TEXT,
    "messageIdHeader" TEXT,
    "providerMessageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "placement" "WarmupPlacement",
    "observationEventId" TEXT,
    "observedAt" TIMESTAMP(3),
    "rescuedAt" TIMESTAMP(3),
    "markedImportant" BOOLEAN NOT NULL DEFAULT false,
    "repliedAt" TIMESTAMP(3),
    "bouncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "warmup_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mailbox_warmups_mailboxId_key" ON "mailbox_warmups"("mailboxId");

-- CreateIndex
CREATE INDEX "mailbox_warmups_enabled_idx" ON "mailbox_warmups"("enabled");

-- CreateIndex
CREATE UNIQUE INDEX "warmup_messages_tag_key" ON "warmup_messages"("tag");

-- CreateIndex
CREATE UNIQUE INDEX "warmup_messages_inReplyToId_key" ON "warmup_messages"("inReplyToId");

-- CreateIndex
CREATE UNIQUE INDEX "warmup_messages_observationEventId_key" ON "warmup_messages"("observationEventId");

-- CreateIndex
CREATE INDEX "warmup_messages_organizationId_status_dueAt_idx" ON "warmup_messages"("organizationId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "warmup_messages_senderMailboxId_sentAt_idx" ON "warmup_messages"("senderMailboxId", "sentAt");

-- CreateIndex
CREATE INDEX "warmup_messages_senderMailboxId_plannedDay_idx" ON "warmup_messages"("senderMailboxId", "plannedDay");

-- CreateIndex
CREATE INDEX "warmup_messages_recipientMailboxId_sentAt_idx" ON "warmup_messages"("recipientMailboxId", "sentAt");

-- CreateIndex
CREATE INDEX "warmup_messages_status_placement_sentAt_idx" ON "warmup_messages"("status", "placement", "sentAt");

-- AddForeignKey
ALTER TABLE "mailbox_warmups" ADD CONSTRAINT "mailbox_warmups_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox_warmups" ADD CONSTRAINT "mailbox_warmups_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warmup_messages" ADD CONSTRAINT "warmup_messages_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warmup_messages" ADD CONSTRAINT "warmup_messages_senderMailboxId_fkey" FOREIGN KEY ("senderMailboxId") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warmup_messages" ADD CONSTRAINT "warmup_messages_recipientMailboxId_fkey" FOREIGN KEY ("recipientMailboxId") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warmup_messages" ADD CONSTRAINT "warmup_messages_inReplyToId_fkey" FOREIGN KEY ("inReplyToId") REFERENCES "warmup_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

