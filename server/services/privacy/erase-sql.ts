import type { Sql } from "@/server/db";

// The statements that erase one learner (server/services/privacy/erase.ts runs them, in one transaction under
// the learner's row lock). The order matters: the boards' shared counts are taken down from the learner's own
// board rows before those rows go, and the raw xAPI statements are found through the events before those go.

/**
 * Takes the learner out of every shared count: each histogram bucket they were counted in (every board, every
 * period, closed ones included), and the `entries` of each closed period whose global board ranked them.
 */
export async function releaseSharedCounts(sql: Sql, learnerId: number): Promise<void> {
  await sql.query(
    `WITH mine AS (
       SELECT period, period_start, course_id, points FROM board_score WHERE learner_id = $1 AND points <> 0
     ), counted AS (
       UPDATE board_histogram h SET learners = h.learners - 1
       FROM mine m
       WHERE h.period = m.period AND h.period_start = m.period_start AND h.course_id = m.course_id AND h.points = m.points
       RETURNING h.period, h.period_start, h.course_id, h.points, h.learners
     )
     DELETE FROM board_histogram h USING counted c
     WHERE c.learners <= 0 AND h.period = c.period AND h.period_start = c.period_start AND h.course_id = c.course_id AND h.points = c.points`,
    [learnerId],
  );
  await sql.query(
    `UPDATE period_close p SET entries = greatest(p.entries - 1, 0)
     FROM board_score b
     WHERE b.learner_id = $1 AND b.course_id = '' AND b.points <> 0 AND b.period = p.period AND b.period_start = p.period_start`,
    [learnerId],
  );
}

/**
 * The raw xAPI statements about the learner: those naming them as actor.account.name, those that became their
 * events, and those that name only one of their e-mail addresses (actor.mbox) or its hash (mbox_sha1sum).
 */
export async function deleteXapiStatements(sql: Sql, learnerId: number, userId: string): Promise<void> {
  await sql.query(
    `WITH theirs AS (
       SELECT id, raw FROM xapi_statement
       WHERE user_id = $2 OR event_id IN (SELECT id FROM event WHERE learner_id = $1)
     ), addresses AS (
       SELECT DISTINCT raw->'actor'->>'mbox' AS mbox, raw->'actor'->>'mbox_sha1sum' AS sha1 FROM theirs
     )
     DELETE FROM xapi_statement s
     WHERE s.id IN (SELECT id FROM theirs)
        OR s.raw->'actor'->>'mbox' IN (SELECT mbox FROM addresses WHERE mbox IS NOT NULL)
        OR s.raw->'actor'->>'mbox_sha1sum' IN (SELECT sha1 FROM addresses WHERE sha1 IS NOT NULL)`,
    [learnerId, userId],
  );
}

/**
 * The outbox messages that name the learner: those about them go; a closed period's top 10 loses their line
 * (the others keep the ranks it was sent with).
 */
export async function deleteWebhookMentions(sql: Sql, userId: string): Promise<void> {
  await sql.query(`DELETE FROM webhook_delivery WHERE payload->'data'->>'userId' = $1`, [userId]);
  await sql.query(
    `UPDATE webhook_delivery SET payload = jsonb_set(payload, '{data,top}', (
       SELECT COALESCE(jsonb_agg(t ORDER BY n), '[]'::jsonb)
       FROM jsonb_array_elements(payload->'data'->'top') WITH ORDINALITY AS e(t, n) WHERE t->>'userId' <> $1))
     WHERE type = 'leaderboard.period_closed' AND payload->'data'->'top' @> jsonb_build_array(jsonb_build_object('userId', $1::text))`,
    [userId],
  );
}

/**
 * Every row of the learner, the ledger included: gamify.erasure is set for this transaction only, the one
 * setting the ledger's append-only trigger lets a DELETE through with.
 */
export async function deleteLearnerRows(sql: Sql, learnerId: number): Promise<void> {
  await sql.query(`SELECT set_config('gamify.erasure', 'on', true)`);
  for (const table of [
    "board_score",
    "board_late_points",
    "learner_achievement",
    "active_day",
    "streak_at_risk_sent",
    "lesson_completion",
    "learner_course",
    "ledger_entry",
    "event",
  ]) {
    await sql.query(`DELETE FROM ${table} WHERE learner_id = $1`, [learnerId]);
  }
  await sql.query(`SELECT set_config('gamify.erasure', 'off', true)`);
  await sql.query(`DELETE FROM learner WHERE id = $1`, [learnerId]);
}

/** Earlier audit rows about the learner keep what was done and when, but no longer whom it named. */
export async function anonymiseAudit(sql: Sql, userId: string, target: string): Promise<void> {
  await sql.query(`UPDATE audit_log SET target = $2, details = NULL WHERE target = $1`, [`learner:${userId}`, target]);
}
