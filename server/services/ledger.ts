import type { Sql } from "@/server/db";
import { ALL_TIME_START, dayInZone, firstOfMonth, mondayOf } from "./calendar";

/** One change of a learner's points, and why. */
export interface LedgerRow {
  points: number;
  reason: "lesson.completed" | "course.completed" | "user.login" | "course.started" | "streak.day" | "achievement" | "adjustment";
  /** Dates the points: they count in the periods containing this instant. */
  occurredAt: Date;
  eventId?: string | null;
  courseId?: string | null;
  lessonId?: string | null;
  achievementId?: number | null;
  streakDay?: string | null;
  adminId?: number | null;
  note?: string | null;
}

/** Reasons whose points also count on the course's own board. */
const COURSE_REASONS = new Set<LedgerRow["reason"]>(["lesson.completed", "course.completed"]);

interface BoardDelta {
  period: string;
  period_start: string;
  course_id: string;
  delta: number;
}

/** The board rows a ledger row adds to: global (and its course, for course activity), all-time, its week, its month. */
export function boardDeltas(rows: LedgerRow[], orgZone: string): BoardDelta[] {
  const byKey = new Map<string, BoardDelta>();
  const add = (period: string, start: string, courseId: string, delta: number) => {
    const key = `${period}|${start}|${courseId}`;
    const existing = byKey.get(key);
    if (existing) existing.delta += delta;
    else byKey.set(key, { period, period_start: start, course_id: courseId, delta });
  };
  for (const row of rows) {
    const day = dayInZone(row.occurredAt, orgZone);
    const scopes = [""];
    if (row.courseId && COURSE_REASONS.has(row.reason)) scopes.push(row.courseId);
    for (const scope of scopes) {
      add("all-time", ALL_TIME_START, scope, row.points);
      add("weekly", mondayOf(day), scope, row.points);
      add("monthly", firstOfMonth(day), scope, row.points);
    }
  }
  return [...byKey.values()].filter((d) => d.delta !== 0);
}

/**
 * Appends ledger rows for one learner and adds them to the boards and their score histograms, in one
 * statement (hand-written: this is the hot path of ingestion). The caller holds the learner's row lock
 * and updates the learner's totals itself. Rows of 0 points are not written (DOMAIN.md).
 */
export async function appendLedger(
  sql: Sql,
  learner: { id: number; userId: string },
  rows: LedgerRow[],
  orgZone: string,
): Promise<void> {
  const learnerId = learner.id;
  const written = rows.filter((r) => r.points !== 0);
  if (written.length === 0) return;
  const ledgerJson = JSON.stringify(
    written.map((r) => ({
      points: r.points,
      reason: r.reason,
      occurred_at: r.occurredAt.toISOString(),
      event_id: r.eventId ?? null,
      course_id: r.courseId ?? null,
      lesson_id: r.lessonId ?? null,
      achievement_id: r.achievementId ?? null,
      streak_day: r.streakDay ?? null,
      admin_id: r.adminId ?? null,
      note: r.note ?? null,
    })),
  );
  const deltasJson = JSON.stringify(boardDeltas(written, orgZone));
  await sql.query(
    `WITH ledger AS (
      INSERT INTO ledger_entry (learner_id, points, reason, occurred_at, event_id, course_id, lesson_id, achievement_id, streak_day, admin_id, note)
      SELECT $1::int, x.points, x.reason, x.occurred_at, x.event_id, x.course_id, x.lesson_id, x.achievement_id, x.streak_day, x.admin_id, x.note
      FROM jsonb_to_recordset($2::jsonb) AS x(points int, reason text, occurred_at timestamptz, event_id text,
        course_id text, lesson_id text, achievement_id int, streak_day date, admin_id int, note text)
    ),
    input AS (
      SELECT * FROM jsonb_to_recordset($3::jsonb) AS d(period text, period_start date, course_id text, delta int)
    ),
    old AS (
      SELECT b.period, b.period_start, b.course_id, b.points
      FROM board_score b JOIN input i USING (period, period_start, course_id)
      WHERE b.learner_id = $1
    ),
    upserted AS (
      INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
      SELECT period, period_start, course_id, $1, $4, delta FROM input
      ON CONFLICT (period, period_start, course_id, learner_id)
      DO UPDATE SET points = board_score.points + EXCLUDED.points
      RETURNING period, period_start, course_id, points
    ),
    moves AS (
      SELECT u.period, u.period_start, u.course_id, COALESCE(o.points, 0) AS old_points, u.points AS new_points
      FROM upserted u LEFT JOIN old o USING (period, period_start, course_id)
    ),
    buckets AS (
      SELECT period, period_start, course_id, old_points AS points, -1 AS learners FROM moves WHERE old_points <> 0
      UNION ALL
      SELECT period, period_start, course_id, new_points, 1 FROM moves WHERE new_points <> 0
    )
    -- A fixed order, so concurrent transactions lock shared histogram rows in the same order: no deadlock.
    INSERT INTO board_histogram (period, period_start, course_id, points, learners)
    SELECT period, period_start, course_id, points, learners FROM buckets
    ORDER BY period, period_start, course_id, points
    ON CONFLICT (period, period_start, course_id, points)
    DO UPDATE SET learners = board_histogram.learners + EXCLUDED.learners`,
    [learnerId, ledgerJson, deltasJson, learner.userId],
  );
}
