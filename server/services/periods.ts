import type { PrismaClient } from "@prisma/client";
import { prismaSql, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { grantToLearner } from "./achievements";
import { dayInZone, periodBounds, periodStartOf } from "./calendar";
import { loadConfig } from "./rules";
import { anySubscribed, enqueueWebhooks } from "./webhooks";

export type ClosablePeriod = "weekly" | "monthly";

export interface CloseResult {
  period: ClosablePeriod;
  periodStart: string;
  closed: boolean;
  entries: number;
  achievementsAwarded: number;
}

/**
 * Freezes the final standings of a week or month (global and every course) as a snapshot, then awards
 * period_rank achievements from the global snapshot. Idempotent: the unique (period, start) row decides who
 * closes it, so two concurrent closes give one snapshot.
 */
export async function closePeriod(
  db: PrismaClient,
  period: ClosablePeriod,
  periodStart: string,
  now = new Date(),
): Promise<CloseResult> {
  const { settings, activeAchievements, webhookSubscriptions } = await loadConfig(db);
  const zone = settings.timezone;
  const bounds = periodBounds(period, periodStart, zone);
  if (bounds.end > now) throw new AppError("BAD_REQUEST", `The ${period} period starting ${periodStart} has not ended yet.`);
  const snapshot = await db.$transaction(async (tx) => {
    const [close] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO period_close (period, period_start, period_end, timezone)
      VALUES (${period}, ${periodStart}::date, ${bounds.end}, ${zone})
      ON CONFLICT (period, period_start) DO NOTHING
      RETURNING id`;
    if (!close) return null;
    const entries = await tx.$executeRaw`
      INSERT INTO leaderboard_snapshot_entry (close_id, course_id, rank, learner_id, user_id, points)
      SELECT ${close.id}, course_id, rank() OVER (PARTITION BY course_id ORDER BY points DESC), learner_id, user_id, points
      FROM board_score
      WHERE period = ${period} AND period_start = ${periodStart}::date AND points <> 0`;
    await tx.$executeRaw`UPDATE period_close SET entries = ${entries} WHERE id = ${close.id}`;
    if (anySubscribed(webhookSubscriptions, "leaderboard.period_closed")) {
      // Announced in the transaction that closes the period, with the final global top 10.
      const top = await tx.$queryRaw<{ rank: number; userId: string; displayName: string; points: number }[]>`
        SELECT s.rank::int AS rank, s.user_id AS "userId", COALESCE(l.display_name, s.user_id) AS "displayName", s.points
        FROM leaderboard_snapshot_entry s JOIN learner l ON l.id = s.learner_id
        WHERE s.close_id = ${close.id} AND s.course_id = ''
        ORDER BY s.rank, s.user_id LIMIT 10`;
      const data = { period, periodStart, periodEnd: bounds.end.toISOString(), timezone: zone, entries, top };
      await enqueueWebhooks(prismaSql(tx), webhookSubscriptions, [{ type: "leaderboard.period_closed", data }], now);
    }
    return { id: close.id, entries };
  });
  if (!snapshot) return { period, periodStart, closed: false, entries: 0, achievementsAwarded: 0 };

  let achievementsAwarded = 0;
  const rankAchievements = activeAchievements.filter(
    (a) => a.kind === "period_rank" && (a.period === null || a.period === "any" || a.period === period),
  );
  for (const achievement of rankAchievements) {
    const winners = await db.leaderboardSnapshotEntry.findMany({
      where: { closeId: snapshot.id, courseId: "", rank: { lte: achievement.threshold } },
      select: { learnerId: true },
    });
    for (const { learnerId } of winners) {
      // Earned when the period ended: the moment its final rank became true.
      const earned = await db.$transaction((tx) => grantToLearner(tx, learnerId, [achievement], bounds.end, zone));
      achievementsAwarded += earned.length;
    }
  }
  return { period, periodStart, closed: true, entries: snapshot.entries, achievementsAwarded };
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
