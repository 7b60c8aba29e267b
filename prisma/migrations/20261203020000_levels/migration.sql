-- Levels (DOMAIN.md Revision 2): admin-defined bands of all-time points, and the last level announced to each learner.
CREATE TABLE "level_band" (
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "start_points" INTEGER NOT NULL,

    CONSTRAINT "level_band_pkey" PRIMARY KEY ("number")
);

CREATE UNIQUE INDEX "level_band_start_points_key" ON "level_band"("start_points");

ALTER TABLE "learner" ADD COLUMN "level_seen_points" INTEGER NOT NULL DEFAULT 0;

-- The shipped ten levels: each band about 1.3 times the one before (100, 130, 170, 220, 280, 380, 480, 630, 810).
INSERT INTO "level_band" ("number", "name", "start_points") VALUES
  (1, 'Newcomer', 0),
  (2, 'Learner', 100),
  (3, 'Apprentice', 230),
  (4, 'Explorer', 400),
  (5, 'Achiever', 620),
  (6, 'Scholar', 900),
  (7, 'Expert', 1280),
  (8, 'Master', 1760),
  (9, 'Sage', 2390),
  (10, 'Legend', 3200);

-- Learners who had points before levels existed are not greeted with a level-up for the level they already hold.
UPDATE "learner" SET "level_seen_points" = GREATEST("points", 0);
