import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { grantToLearner } from "./achievements";
import { dayInZone, periodBounds, periodStartOf } from "./calendar";
import { bumpConfigVersion, loadConfig } from "./rules";

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
  const { settings, activeAchievements } = await loadConfig(db);
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
export async function setOrganisationTimezone(db: PrismaClient, timezone: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.orgSettings.update({ where: { id: 1 }, data: { timezone } });
    await bumpConfigVersion(tx);
  });
}
