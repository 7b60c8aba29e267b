import type { Sql } from "@/server/db";

// Weekly and monthly boards of one learner (global, or one course), recomputed from the ledger. A ledger row
// belongs to the closed week or month whose instants hold its date (in the zone that period was closed in),
// else to the open one in the organisation's zone now. In a closed period, a row written before the close is
// part of its frozen standings and one written after is kept aside as late points, as ingestion does. So a
// learner's weeks (and months), with their late points, add up to their all-time points by construction.
// (A row written in the instant a close was taking its lock may be placed on the other side of the close
// than ingestion placed it: the sums still add up, and the run only touches learners that drifted.)

export interface BoardPair {
  learner_id: number;
  /** '' for the global board. */
  course_id: string;
}

export interface MovedBucket {
  period: string;
  period_start: string;
  course_id: string;
  points: number;
}

const PLACED = `
  targets AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(learner_id int, course_id text)),
  placed AS (
    SELECT t.learner_id, t.course_id, p.period, le.points,
      COALESCE(c.period_start, (CASE p.period
        WHEN 'weekly' THEN date_trunc('week', le.occurred_at AT TIME ZONE $2)
        ELSE date_trunc('month', le.occurred_at AT TIME ZONE $2) END)::date) AS period_start,
      COALESCE(le.created_at > c.closed_at, false) AS late
    FROM targets t
    JOIN ledger_entry le ON le.learner_id = t.learner_id
      AND (t.course_id = '' OR (le.course_id = t.course_id AND le.reason IN ('lesson.completed', 'course.completed')))
    CROSS JOIN (VALUES ('weekly'), ('monthly')) AS p(period)
    LEFT JOIN LATERAL (
      SELECT pc.period_start, pc.closed_at FROM period_close pc
      WHERE pc.period = p.period AND le.occurred_at >= (pc.period_start::timestamp AT TIME ZONE pc.timezone)
        AND le.occurred_at < pc.period_end
      ORDER BY pc.closed_at LIMIT 1
    ) c ON true
  )`;

/**
 * Sets the learners' weekly and monthly board rows and late points to what the ledger says (the caller holds
 * their row locks). Returns the histogram buckets the board rows moved out of and into, to be recounted.
 */
export async function repairPeriodBoards(sql: Sql, pairs: BoardPair[], orgZone: string): Promise<MovedBucket[]> {
  if (pairs.length === 0) return [];
  const params = [JSON.stringify(pairs), orgZone];
  await sql.query(
    `WITH ${PLACED},
     expected AS (
       SELECT period, period_start, course_id, learner_id, sum(points)::int AS points FROM placed WHERE late GROUP BY 1, 2, 3, 4
     ), actual AS (
       SELECT b.* FROM board_late_points b JOIN targets t USING (learner_id, course_id)
     ), diff AS (
       SELECT period, period_start, course_id, learner_id, COALESCE(e.points, 0) AS points
       FROM expected e FULL JOIN actual a USING (period, period_start, course_id, learner_id)
       WHERE COALESCE(e.points, 0) <> COALESCE(a.points, 0)
     )
     INSERT INTO board_late_points (period, period_start, course_id, learner_id, points)
     SELECT * FROM diff ORDER BY 1, 2, 3, 4
     ON CONFLICT (period, period_start, course_id, learner_id) DO UPDATE SET points = EXCLUDED.points`,
    params,
  );
  return sql.query<MovedBucket>(
    `WITH ${PLACED},
     expected AS (
       SELECT period, period_start, course_id, learner_id, sum(points)::int AS points FROM placed WHERE NOT late GROUP BY 1, 2, 3, 4
     ), actual AS (
       SELECT b.period, b.period_start, b.course_id, b.learner_id, b.points
       FROM board_score b JOIN targets t USING (learner_id, course_id) WHERE b.period IN ('weekly', 'monthly')
     ), diff AS (
       SELECT period, period_start, course_id, learner_id, COALESCE(a.points, 0) AS old_points, COALESCE(e.points, 0) AS new_points
       FROM expected e FULL JOIN actual a USING (period, period_start, course_id, learner_id)
       WHERE COALESCE(e.points, 0) <> COALESCE(a.points, 0)
     ), written AS (
       INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
       SELECT d.period, d.period_start, d.course_id, d.learner_id, l.user_id, d.new_points
       FROM diff d JOIN learner l ON l.id = d.learner_id
       ORDER BY 1, 2, 3, 4
       ON CONFLICT (period, period_start, course_id, learner_id) DO UPDATE SET points = EXCLUDED.points
     )
     SELECT period, period_start::text AS period_start, course_id, p AS points
     FROM diff, LATERAL (VALUES (old_points), (new_points)) v(p) WHERE p <> 0`,
    params,
  );
}
