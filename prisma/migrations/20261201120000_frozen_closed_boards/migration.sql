-- A closed week or month keeps its final standings in its own board rows (board_score, board_histogram)
-- instead of a copy of them: closing is then one row, whatever the number of learners (the copy took about
-- a minute at a million learners). Points dated in a closed period that arrive after it closed go to
-- board_late_points (and all-time), never to the frozen board.

-- CreateTable
CREATE TABLE "board_late_points" (
    "period" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "course_id" TEXT NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "board_late_points_pkey" PRIMARY KEY ("period","period_start","course_id","learner_id")
);

-- AddForeignKey
ALTER TABLE "board_late_points" ADD CONSTRAINT "board_late_points_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Periods closed before this migration: what their boards gained after closing becomes late points, and the
-- boards go back to the standings their snapshot froze.
INSERT INTO "board_late_points" ("period", "period_start", "course_id", "learner_id", "points")
SELECT b.period, b.period_start, b.course_id, b.learner_id, b.points - COALESCE(s.points, 0)
FROM "board_score" b
JOIN "period_close" c ON c.period = b.period AND c.period_start = b.period_start
LEFT JOIN "leaderboard_snapshot_entry" s ON s.close_id = c.id AND s.course_id = b.course_id AND s.learner_id = b.learner_id
WHERE b.points <> COALESCE(s.points, 0);

UPDATE "board_score" b SET points = COALESCE((
    SELECT s.points FROM "leaderboard_snapshot_entry" s
    WHERE s.close_id = c.id AND s.course_id = b.course_id AND s.learner_id = b.learner_id), 0)
FROM "period_close" c
WHERE c.period = b.period AND c.period_start = b.period_start
  AND b.points <> COALESCE((
    SELECT s.points FROM "leaderboard_snapshot_entry" s
    WHERE s.close_id = c.id AND s.course_id = b.course_id AND s.learner_id = b.learner_id), 0);

DELETE FROM "board_histogram" h USING "period_close" c WHERE c.period = h.period AND c.period_start = h.period_start;
INSERT INTO "board_histogram" ("period", "period_start", "course_id", "points", "learners")
SELECT b.period, b.period_start, b.course_id, b.points, count(*)::int
FROM "board_score" b JOIN "period_close" c ON c.period = b.period AND c.period_start = b.period_start
WHERE b.points <> 0
GROUP BY b.period, b.period_start, b.course_id, b.points;

-- DropTable
DROP TABLE "leaderboard_snapshot_entry";
