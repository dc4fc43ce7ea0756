-- CreateTable
CREATE TABLE "oauth_connect_states" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" "MailboxProvider" NOT NULL,
    "stateHash" TEXT NOT NULL,
    "codeVerifierCiphertext" TEXT NOT NULL,
    "codeVerifierKeyId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_connect_states_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "oauth_connect_states_stateHash_key" ON "oauth_connect_states"("stateHash");

-- CreateIndex
CREATE INDEX "oauth_connect_states_expiresAt_idx" ON "oauth_connect_states"("expiresAt");

-- AddForeignKey
ALTER TABLE "oauth_connect_states" ADD CONSTRAINT "oauth_connect_states_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

