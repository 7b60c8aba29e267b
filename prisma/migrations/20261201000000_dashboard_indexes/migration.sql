-- The dashboard's "points awarded by activity type, last 30 days" reads a recent range of the ledger:
-- an index on when rows were written keeps that a range scan however long the ledger grows.
CREATE INDEX "ledger_entry_created_at_idx" ON "ledger_entry"("created_at");
