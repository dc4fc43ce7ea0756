-- CreateIndex
CREATE INDEX "messages_mailboxId_status_sentAt_idx" ON "messages"("mailboxId", "status", "sentAt");

