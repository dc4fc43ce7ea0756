-- The unified inbox: conversations with leads (one per enrolment and mailbox) and their messages, inbound and replies from the inbox.
-- CreateEnum
CREATE TYPE "InboxLabel" AS ENUM ('interested', 'not_interested', 'out_of_office', 'wrong_person');

-- CreateEnum
CREATE TYPE "InboxDirection" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "InboxMessageStatus" AS ENUM ('received', 'queued', 'claimed', 'retrying', 'sent', 'failed');

-- CreateTable
CREATE TABLE "inbox_threads" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "enrollmentId" UUID NOT NULL,
    "providerThreadId" TEXT,
    "subject" TEXT,
    "snippet" TEXT,
    "unread" BOOLEAN NOT NULL DEFAULT true,
    "label" "InboxLabel",
    "labelSuggested" BOOLEAN NOT NULL DEFAULT false,
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inbox_threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_messages" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "threadId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "direction" "InboxDirection" NOT NULL,
    "status" "InboxMessageStatus" NOT NULL,
    "inboundType" TEXT,
    "fromAddress" TEXT,
    "toAddress" TEXT,
    "subject" TEXT,
    "text" TEXT,
    "html" TEXT,
    "messageIdHeader" TEXT,
    "inReplyTo" TEXT,
    "references" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "providerMessageId" TEXT,
    "providerThreadId" TEXT,
    "sourceEventId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "mayHaveBeenSent" BOOLEAN NOT NULL DEFAULT false,
    "dueAt" TIMESTAMP(3),
    "leaseExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdByUserId" UUID,
    "receivedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbox_threads_organizationId_lastMessageAt_id_idx" ON "inbox_threads"("organizationId", "lastMessageAt", "id");

-- CreateIndex
CREATE INDEX "inbox_threads_enrollmentId_idx" ON "inbox_threads"("enrollmentId");

-- CreateIndex
CREATE INDEX "inbox_threads_leadId_idx" ON "inbox_threads"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_threads_organizationId_mailboxId_enrollmentId_key" ON "inbox_threads"("organizationId", "mailboxId", "enrollmentId");

-- CreateIndex
CREATE INDEX "inbox_messages_threadId_createdAt_idx" ON "inbox_messages"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "inbox_messages_organizationId_direction_status_dueAt_idx" ON "inbox_messages"("organizationId", "direction", "status", "dueAt");

-- CreateIndex
CREATE INDEX "inbox_messages_mailboxId_sentAt_idx" ON "inbox_messages"("mailboxId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_messages_organizationId_sourceEventId_key" ON "inbox_messages"("organizationId", "sourceEventId");

-- AddForeignKey
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "inbox_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

