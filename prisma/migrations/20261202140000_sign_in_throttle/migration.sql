-- Admin sign-in throttle: failed attempts per account and per client address, shared by every instance.
-- CreateTable
CREATE TABLE "sign_in_failure" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "failed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_failure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sign_in_failure_scope_key_failed_at_idx" ON "sign_in_failure"("scope", "key", "failed_at");

-- CreateIndex
CREATE INDEX "sign_in_failure_failed_at_idx" ON "sign_in_failure"("failed_at");
