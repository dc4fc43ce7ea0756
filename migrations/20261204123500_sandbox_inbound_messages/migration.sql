-- CreateEnum
CREATE TYPE "SandboxSimulationKind" AS ENUM ('reply', 'bounce', 'out_of_office');

-- CreateTable
CREATE TABLE "sandbox_inbound_messages" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "kind" "SandboxSimulationKind" NOT NULL,
    "sandboxMessageId" UUID NOT NULL,
    "threadId" TEXT,
    "raw" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_inbound_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_inbound_messages_sequence_key" ON "sandbox_inbound_messages"("sequence");

-- CreateIndex
CREATE INDEX "sandbox_inbound_messages_mailboxId_sequence_idx" ON "sandbox_inbound_messages"("mailboxId", "sequence");

-- AddForeignKey
ALTER TABLE "sandbox_inbound_messages" ADD CONSTRAINT "sandbox_inbound_messages_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sandbox_inbound_messages" ADD CONSTRAINT "sandbox_inbound_messages_sandboxMessageId_fkey" FOREIGN KEY ("sandboxMessageId") REFERENCES "sandbox_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

