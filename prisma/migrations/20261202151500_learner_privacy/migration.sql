-- Learner privacy (API.md Revision 2 "Learner privacy", docs/privacy.md).

-- Who may appear on the boards other learners see: visible | anonymous (no name, no id) | hidden.
ALTER TABLE "learner" ADD COLUMN "visibility" TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE "learner" ADD CONSTRAINT "learner_visibility_check" CHECK ("visibility" IN ('visible', 'anonymous', 'hidden'));

-- The ledger stays append-only, except for the one audited path that erases a learner
-- (server/services/privacy/erase-sql.ts): it sets gamify.erasure = 'on' for its own transaction only
-- (set_config(..., true)), and only a DELETE is let through then. UPDATE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION "ledger_entry_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('gamify.erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ledger_entry is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
