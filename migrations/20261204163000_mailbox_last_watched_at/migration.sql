-- AlterTable
ALTER TABLE "mailboxes" ADD COLUMN     "lastWatchedAt" TIMESTAMP(3);
