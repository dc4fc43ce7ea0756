-- CreateTable
CREATE TABLE "login_throttles" (
    "bucket" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "blockedUntil" TIMESTAMP(3),
    "resetAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("bucket")
);

-- CreateIndex
CREATE INDEX "login_throttles_resetAt_idx" ON "login_throttles"("resetAt");

