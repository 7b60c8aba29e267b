import type { PrismaClient } from "@prisma/client";
import { driverOf, sqlOf, type Db, type Sql } from "@/server/db";
import { AppError } from "@/server/errors";
import { grantToLearner } from "./achievements";
import { dayInZone, periodBounds, periodStartOf } from "@/server/lib/calendar";
import { globalTopLearnersSql } from "./leaderboards";
import { loadConfig } from "./rules";
import { anySubscribed, enqueueWebhooks } from "./webhooks/outbox";

export type ClosablePeriod = "weekly" | "monthly";

export interface CloseResult {
  period: ClosablePeriod;
  periodStart: string;
  closed: boolean;
  entries: number;
  achievementsAwarded: number;
}

/**
 * Closes a week or month: from this moment its boards (global and every course) are its final standings,
 * read like any board, and points dated in it that arrive later count all-time only (ledgerWrites). Then
 * period_rank achievements are awarded from the final global standings. Idempotent: the unique (period,
 * start) row decides who closes it, so two concurrent closes close it once. Closing costs the same at ten
 * learners or a million: nothing is copied.
 */
export async function closePeriod(db: PrismaClient, period: ClosablePeriod, periodStart: string, now = new Date()): Promise<CloseResult> {
  const { settings, activeAchievements, webhookSubscriptions, levels } = await loadConfig(db);
  const zone = settings.timezone;
  const bounds = periodBounds(period, periodStart, zone);
  if (bounds.end > now) throw new AppError("BAD_REQUEST", `The ${period} period starting ${periodStart} has not ended yet.`);
  const closed = await driverOf(db).transaction(async (sql) => {
    // Board writers hold ROW EXCLUSIVE on board_score until they commit; SHARE waits for those in flight
    // and holds new ones back until this commits (milliseconds), so the standings freeze at one moment and
    // every later write sees the close (PostgreSQL takes a statement's snapshot after its locks).
    await sql.query(`LOCK TABLE board_score IN SHARE MODE`);
    // `entries` is the global board's ranked learners (what a reader takes "entries" to mean).
    const [close] = await sql.query<{ id: number; entries: number }>(
      `INSERT INTO period_close (period, period_start, period_end, timezone, entries)
       SELECT $1, $2::date, $3::timestamptz, $4, COALESCE((
         SELECT sum(learners) FROM board_histogram WHERE period = $1 AND period_start = $2::date AND course_id = '' AND points <> 0
       ), 0)::int
       ON CONFLICT (period, period_start) DO NOTHING
       RETURNING id, entries`,
      [period, periodStart, bounds.end.toISOString(), zone],
    );
    if (!close) return null;
    if (anySubscribed(webhookSubscriptions, "leaderboard.period_closed")) {
      const courses = await sql.query<{ courseId: string; entries: number }>(
        `SELECT course_id AS "courseId", sum(learners)::int AS entries FROM board_histogram
         WHERE period = $1 AND period_start = $2::date AND course_id <> '' AND points <> 0
         GROUP BY course_id HAVING sum(learners) > 0 ORDER BY course_id`,
        [period, periodStart],
      );
      // Announced in the transaction that closes the period, with the final global top 10 (ranked among
      // themselves, which is their rank: everyone above them is among them).
      const top = await sql.query<{ rank: number; userId: string; displayName: string; points: number }>(
        `SELECT (rank() OVER (ORDER BY t.points DESC))::int AS rank, t.user_id AS "userId",
           COALESCE(l.display_name, t.user_id) AS "displayName", t.points
         FROM (SELECT learner_id, user_id, points FROM board_score
               WHERE period = $1 AND period_start = $2::date AND course_id = '' AND points <> 0
               ORDER BY points DESC, user_id LIMIT 10) t
         JOIN learner l ON l.id = t.learner_id
         ORDER BY t.points DESC, t.user_id`,
        [period, periodStart],
      );
      const data = { period, periodStart, periodEnd: bounds.end.toISOString(), timezone: zone, entries: close.entries, courses, top };
      await enqueueWebhooks(sql, webhookSubscriptions, [{ type: "leaderboard.period_closed", data }], now);
    }
    return close;
  });
  if (!closed) return { period, periodStart, closed: false, entries: 0, achievementsAwarded: 0 };

  let achievementsAwarded = 0;
  const rankAchievements = activeAchievements.filter(
    (a) => a.kind === "period_rank" && (a.period === null || a.period === "any" || a.period === period),
  );
  for (const achievement of rankAchievements) {
    for (const learnerId of await periodRankWinners(sqlOf(db), period, periodStart, achievement.threshold)) {
      // Earned when the period ended: the moment its final rank became true.
      const earned = await db.$transaction((tx) =>
        grantToLearner(tx, learnerId, [achievement], bounds.end, zone, { levels, webhookSubscriptions }),
      );
      achievementsAwarded += earned.length;
    }
  }
  return { period, periodStart, closed: true, entries: closed.entries, achievementsAwarded };
}

/** The learners ranked within the top `threshold` of a period's global board, ties included. */
async function periodRankWinners(sql: Sql, period: ClosablePeriod, periodStart: string, threshold: number): Promise<number[]> {
  const rows = await sql.query<{ learner_id: number }>(
    `SELECT learner_id FROM (${globalTopLearnersSql("$1", "$2::date", "$3::int")}) top ORDER BY learner_id`,
    [period, periodStart, threshold],
  );
  return rows.map((r) => r.learner_id);
}

/** Every week or month that has ended in the organisation's zone and is not closed yet, oldest first. */
export async function endedUnclosedPeriods(db: Db, period: ClosablePeriod, now: Date): Promise<string[]> {
  const { settings } = await loadConfig(db);
  const current = periodStartOf(period, dayInZone(now, settings.timezone));
  const rows = await db.$queryRaw<{ start: string }[]>`
    SELECT DISTINCT b.period_start::text AS start FROM board_histogram b
    WHERE b.period = ${period} AND b.period_start < ${current}::date
      AND NOT EXISTS (SELECT 1 FROM period_close c WHERE c.period = b.period AND c.period_start = b.period_start)
    ORDER BY start`;
  return rows.map((r) => r.start);
}

/** Closes every ended, unclosed week or month (missed runs included). Safe to run as often as wanted. */
export async function closeEndedPeriods(db: PrismaClient, period: ClosablePeriod, now = new Date()): Promise<CloseResult[]> {
  const results: CloseResult[] = [];
  for (const start of await endedUnclosedPeriods(db, period, now)) {
    results.push(await closePeriod(db, period, start, now));
  }
  return results;
}

/** Changing the organisation's zone moves future period boundaries; closed periods keep theirs. */
export { setOrganisationTimezone } from "./point-rules";
