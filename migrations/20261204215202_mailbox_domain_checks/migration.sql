-- CreateTable
CREATE TABLE "mailbox_domain_checks" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "dkimSelector" TEXT,
    "status" TEXT NOT NULL,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailbox_domain_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mailbox_domain_checks_mailboxId_key" ON "mailbox_domain_checks"("mailboxId");

-- CreateIndex
CREATE INDEX "mailbox_domain_checks_checkedAt_idx" ON "mailbox_domain_checks"("checkedAt");

-- AddForeignKey
ALTER TABLE "mailbox_domain_checks" ADD CONSTRAINT "mailbox_domain_checks_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox_domain_checks" ADD CONSTRAINT "mailbox_domain_checks_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

