import type { Sql } from "@/server/db";
import { ALL_TIME_START, dayInZone, firstOfMonth, mondayOf } from "@/server/lib/calendar";

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

/** The ledger rows of one learner, as a statement appends them. */
export interface LearnerLedger {
  learnerId: number;
  userId: string;
  rows: LedgerRow[];
}

/**
 * The common table expressions that append ledger rows (of any number of learners) and add them to the
 * boards and their score histograms (not to the frozen boards of a closed period), reading two parameters
 * from `$first`: one place for the SQL that ingestion (in its one write statement) and appendLedger both
 * run. The caller holds the learners' row locks and updates their totals itself. Rows of 0 points are not
 * written (DOMAIN.md).
 */
export function ledgerWrites(entries: LearnerLedger[], orgZone: string, first: number): { ctes: string; params: [string, string] } {
  const ledger: Record<string, unknown>[] = [];
  const deltas = new Map<
    string,
    { period: string; period_start: string; course_id: string; learner_id: number; user_id: string; delta: number }
  >();
  for (const { learnerId, userId, rows } of entries) {
    const written = rows.filter((r) => r.points !== 0);
    for (const r of written) {
      ledger.push({
        learner_id: learnerId,
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
      });
    }
    for (const d of boardDeltas(written, orgZone)) {
      const key = `${d.period}|${d.period_start}|${d.course_id}|${learnerId}`;
      const existing = deltas.get(key);
      if (existing) existing.delta += d.delta;
      else deltas.set(key, { ...d, learner_id: learnerId, user_id: userId });
    }
  }
  const [l, d] = [`$${first}`, `$${first + 1}`];
  const ctes = `ledger_rows AS (
      INSERT INTO ledger_entry (learner_id, points, reason, occurred_at, event_id, course_id, lesson_id, achievement_id, streak_day, admin_id, note)
      SELECT x.learner_id, x.points, x.reason, x.occurred_at, x.event_id, x.course_id, x.lesson_id, x.achievement_id, x.streak_day, x.admin_id, x.note
      FROM jsonb_to_recordset(${l}::jsonb) AS x(learner_id int, points int, reason text, occurred_at timestamptz, event_id text,
        course_id text, lesson_id text, achievement_id int, streak_day date, admin_id int, note text)
    ),
    board_deltas AS (
      SELECT d.*, EXISTS (
        SELECT 1 FROM period_close c WHERE c.period = d.period AND c.period_start = d.period_start
      ) AS closed
      FROM jsonb_to_recordset(${d}::jsonb) AS d(period text, period_start date, course_id text, learner_id int, user_id text, delta int)
      WHERE d.delta <> 0
    ),
    -- A closed week or month keeps its final standings: what is dated in it and arrives later counts
    -- all-time, and is kept aside so the learner's weeks still add up to all-time (docs/schema.md).
    late_points AS (
      INSERT INTO board_late_points (period, period_start, course_id, learner_id, points)
      SELECT period, period_start, course_id, learner_id, delta FROM board_deltas WHERE closed
      ORDER BY period, period_start, course_id, learner_id
      ON CONFLICT (period, period_start, course_id, learner_id)
      DO UPDATE SET points = board_late_points.points + EXCLUDED.points
    ),
    board_input AS (SELECT * FROM board_deltas WHERE NOT closed),
    board_new AS (
      INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
      SELECT period, period_start, course_id, learner_id, user_id, delta FROM board_input
      ORDER BY period, period_start, course_id, learner_id
      ON CONFLICT (period, period_start, course_id, learner_id)
      DO UPDATE SET points = board_score.points + EXCLUDED.points
      RETURNING period, period_start, course_id, learner_id, points
    ),
    board_moves AS (
      -- board_score read here is as it was before this statement (its own changes are not visible to it).
      SELECT n.period, n.period_start, n.course_id, COALESCE(o.points, 0) AS old_points, n.points AS new_points
      FROM board_new n LEFT JOIN board_score o USING (period, period_start, course_id, learner_id)
    ),
    histogram_moves AS (
      SELECT period, period_start, course_id, points, sum(learners)::int AS learners FROM (
        SELECT period, period_start, course_id, old_points AS points, -1 AS learners FROM board_moves WHERE old_points <> 0
        UNION ALL
        SELECT period, period_start, course_id, new_points, 1 FROM board_moves WHERE new_points <> 0
      ) m GROUP BY period, period_start, course_id, points HAVING sum(learners) <> 0
    ),
    histogram AS (
      -- A fixed order, so concurrent transactions lock shared histogram rows in the same order: no deadlock.
      INSERT INTO board_histogram (period, period_start, course_id, points, learners)
      SELECT period, period_start, course_id, points, learners FROM histogram_moves
      ORDER BY period, period_start, course_id, points
      ON CONFLICT (period, period_start, course_id, points)
      DO UPDATE SET learners = board_histogram.learners + EXCLUDED.learners
    )`;
  return { ctes, params: [JSON.stringify(ledger), JSON.stringify([...deltas.values()])] };
}

/** Appends ledger rows for one learner outside ingestion (adjustments, awards by jobs): see ledgerWrites. */
export async function appendLedger(sql: Sql, learner: { id: number; userId: string }, rows: LedgerRow[], orgZone: string): Promise<void> {
  if (!rows.some((r) => r.points !== 0)) return;
  const { ctes, params } = ledgerWrites([{ learnerId: learner.id, userId: learner.userId, rows }], orgZone, 1);
  await sql.query(`WITH ${ctes} SELECT 1`, params);
}
