import type { Db } from "@/server/db";

/**
 * The daily streak check: marks streaks that have ended (so dashboards and exports can filter on a column)
 * and counts the streaks at risk today (active yesterday, not yet today). The API never reads what this
 * writes: a learner's current streak is computed from their last active day at read time.
 */
export async function checkStreaks(db: Db, now = new Date()): Promise<{ broken: number; atRisk: number; active: number }> {
  const local = (alias: string) =>
    `(${"$1"}::timestamptz AT TIME ZONE COALESCE(${alias}.timezone, (SELECT timezone FROM org_settings WHERE id = 1)))::date`;
  const broken = await db.$executeRawUnsafe(
    `UPDATE learner l SET streak_broken_on = l.last_active_date + 2
     WHERE l.last_active_date IS NOT NULL AND l.last_active_date < ${local("l")} - 1
       AND (l.streak_broken_on IS NULL OR l.streak_broken_on <= l.last_active_date)`,
    now,
  );
  const [counts] = await db.$queryRawUnsafe<{ at_risk: number; active: number }[]>(
    `SELECT count(*) FILTER (WHERE l.last_active_date = ${local("l")} - 1)::int AS at_risk,
            count(*) FILTER (WHERE l.last_active_date >= ${local("l")} - 1)::int AS active
     FROM learner l WHERE l.last_active_date IS NOT NULL`,
    now,
  );
  return { broken, atRisk: counts?.at_risk ?? 0, active: counts?.active ?? 0 };
}
