-- Streak protection: pauses, freezes and the at-risk nudge (DOMAIN.md Revision 2).
ALTER TABLE "org_settings" ADD COLUMN "freeze_every" INTEGER NOT NULL DEFAULT 7,
  ADD COLUMN "freeze_max" INTEGER NOT NULL DEFAULT 2,
  ADD COLUMN "at_risk_hour" INTEGER NOT NULL DEFAULT 18;

ALTER TABLE "learner" ADD COLUMN "run_length" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "freezes_held" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "frozen_days" JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN "freeze_grants" JSONB NOT NULL DEFAULT '[]';

-- Runs recorded before protection existed are consecutive days.
UPDATE "learner" SET "run_length" = ("last_active_date" - "run_start_date") + 1
WHERE "last_active_date" IS NOT NULL AND "run_start_date" IS NOT NULL;

CREATE TABLE "streak_pause" (
    "id" SERIAL NOT NULL,
    "course_id" TEXT,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "streak_pause_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "streak_at_risk_sent" (
    "learner_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "streak_at_risk_sent_pkey" PRIMARY KEY ("learner_id", "day")
);
