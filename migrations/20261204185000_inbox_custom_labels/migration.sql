-- AlterEnum
ALTER TYPE "InboxLabel" ADD VALUE 'meeting_booked';

-- AlterTable
ALTER TABLE "inbox_threads" ADD COLUMN     "customLabelId" UUID;

-- CreateTable
CREATE TABLE "inbox_custom_labels" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_custom_labels_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inbox_custom_labels_organizationId_name_key" ON "inbox_custom_labels"("organizationId", "name");

-- CreateIndex
CREATE INDEX "inbox_threads_customLabelId_idx" ON "inbox_threads"("customLabelId");

-- CreateIndex
CREATE INDEX "inbox_threads_organizationId_updatedAt_idx" ON "inbox_threads"("organizationId", "updatedAt");

-- CreateIndex
CREATE INDEX "inbox_messages_organizationId_updatedAt_idx" ON "inbox_messages"("organizationId", "updatedAt");

-- AddForeignKey
ALTER TABLE "inbox_threads" ADD CONSTRAINT "inbox_threads_customLabelId_fkey" FOREIGN KEY ("customLabelId") REFERENCES "inbox_custom_labels"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_custom_labels" ADD CONSTRAINT "inbox_custom_labels_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
