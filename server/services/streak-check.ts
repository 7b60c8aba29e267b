import type { PrismaClient } from "@prisma/client";
import { prismaSql, type Db } from "@/server/db";
import { loadConfig } from "./rules";
import { anySubscribed, enqueueWebhooks } from "./webhooks/outbox";

interface EndedStreak {
  user_id: string;
  last_active_date: string;
  run_start_date: string | null;
  longest_streak: number;
  streak_broken_on: string;
}

/**
 * The daily streak check: marks streaks that have ended (so dashboards and exports can filter on a column)
 * and counts the streaks at risk today (active yesterday, not yet today). The API never reads what this
 * writes: a learner's current streak is computed from their last active day at read time. Each streak
 * marked ended is announced as a `streak.lost` webhook, written in the same transaction as the mark.
 */
export async function checkStreaks(db: Db, now = new Date()): Promise<{ broken: number; atRisk: number; active: number }> {
  const local = (alias: string) =>
    `(${"$1"}::timestamptz AT TIME ZONE COALESCE(${alias}.timezone, (SELECT timezone FROM org_settings WHERE id = 1)))::date`;
  const markEnded = `UPDATE learner l SET streak_broken_on = l.last_active_date + 2
     WHERE l.last_active_date IS NOT NULL AND l.last_active_date < ${local("l")} - 1
       AND (l.streak_broken_on IS NULL OR l.streak_broken_on <= l.last_active_date)`;
  const { webhookSubscriptions } = await loadConfig(db);
  let broken: number;
  if (anySubscribed(webhookSubscriptions, "streak.lost")) {
    const run = async (tx: Db) => {
      const ended = await tx.$queryRawUnsafe<EndedStreak[]>(
        `${markEnded} RETURNING l.user_id, l.last_active_date::text, l.run_start_date::text, l.longest_streak, l.streak_broken_on::text`,
        now,
      );
      await enqueueWebhooks(
        prismaSql(tx),
        webhookSubscriptions,
        ended.map((r) => ({
          type: "streak.lost",
          data: {
            userId: r.user_id,
            lastActiveDate: r.last_active_date,
            lostOn: r.streak_broken_on,
            streak: r.run_start_date ? Math.round((Date.parse(r.last_active_date) - Date.parse(r.run_start_date)) / 86_400_000) + 1 : 1,
            longestStreak: r.longest_streak,
          },
        })),
        now,
      );
      return ended.length;
    };
    broken = "$transaction" in db ? await (db as PrismaClient).$transaction((tx) => run(tx)) : await run(db);
  } else {
    broken = await db.$executeRawUnsafe(markEnded, now);
  }
  const [counts] = await db.$queryRawUnsafe<{ at_risk: number; active: number }[]>(
    `SELECT count(*) FILTER (WHERE l.last_active_date = ${local("l")} - 1)::int AS at_risk,
            count(*) FILTER (WHERE l.last_active_date >= ${local("l")} - 1)::int AS active
     FROM learner l WHERE l.last_active_date IS NOT NULL`,
    now,
  );
  return { broken, atRisk: counts?.at_risk ?? 0, active: counts?.active ?? 0 };
}
