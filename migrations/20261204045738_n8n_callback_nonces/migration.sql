-- CreateTable
CREATE TABLE "n8n_callback_nonces" (
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "n8n_callback_nonces_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "n8n_callback_nonces_expiresAt_idx" ON "n8n_callback_nonces"("expiresAt");

