-- The built-in scheduler's claims: one row per job and scheduled slot, so that with several app instances
-- each slot runs once (the instance whose INSERT ... ON CONFLICT DO NOTHING inserts the row runs it).
-- CreateTable
CREATE TABLE "scheduled_slot" (
    "job" TEXT NOT NULL,
    "slot_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scheduled_slot_pkey" PRIMARY KEY ("job","slot_at")
);
