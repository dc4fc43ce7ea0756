-- AlterTable
ALTER TABLE "mailbox_warmups" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

