-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "deferCode" TEXT;
