-- Import upkeep state as data, not as text in `error`: the line an automatic resume started from, and when the upkeep deleted the import's upload.
ALTER TABLE "lead_imports" ADD COLUMN "autoResumedAtLine" INTEGER;
ALTER TABLE "lead_imports" ADD COLUMN "fileExpiredAt" TIMESTAMP(3);
