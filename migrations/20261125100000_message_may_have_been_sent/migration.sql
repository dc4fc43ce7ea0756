-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "mayHaveBeenSent" BOOLEAN NOT NULL DEFAULT false;

