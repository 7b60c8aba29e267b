-- The per-key API rate limit, shared by every instance: one row per key, its current minute and the requests
-- counted in it. UNLOGGED: a counter needs no crash safety (after a crash the table is empty, and every key
-- starts its minute afresh), and a request's count then costs no WAL flush.
-- CreateTable
CREATE UNLOGGED TABLE "api_rate_window" (
    "api_key_id" INTEGER NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "api_rate_window_pkey" PRIMARY KEY ("api_key_id")
);
