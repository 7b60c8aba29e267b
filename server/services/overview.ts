import type { Db } from "@/server/db";
import { addDays, dayInZone, mondayOf, startOfDayInZone } from "@/server/lib/calendar";
import { MAX_FUTURE_MS } from "@/server/schemas/events";
import { loadConfig } from "./rules";

// The dashboard's overview: a few aggregates, each one statement over an index-friendly range or one pass
// over a table, so the page stays quick at a million learners. Days and weeks are the organisation's.

export const OVERVIEW_DAYS = 30;

/** Ledger reasons as an admin reads them, in the order the chart lists them. */
export const REASON_LABELS: Record<string, string> = {
  "lesson.completed": "Lessons",
  "course.completed": "Courses",
  "streak.day": "Streak days",
  "user.login": "Logins",
  achievement: "Achievements",
  adjustment: "Adjustments",
};

export interface Overview {
  timezone: string;
  today: string;
  learners: number;
  /** Learners whose current streak is at least one day (active today or yesterday in their zone). */
  activeStreaks: number;
  /** All points ever awarded, net of negative adjustments. */
  pointsAwarded: number;
  eventsToday: number;
  eventsThisWeek: number;
  achievementsEarned: number;
  /** Events per day they occurred (organisation zone) over the last OVERVIEW_DAYS days, oldest first, every day present. */
  eventsPerDay: { day: string; events: number }[];
  /** Points written to the ledger in the last OVERVIEW_DAYS days, by why. */
  pointsByType: { reason: string; label: string; points: number }[];
  /** How many learners earned each achievement, most earned first. */
  achievementUnlocks: { key: string; name: string; active: boolean; earned: number }[];
}

const toNumber = (v: bigint | number | null | undefined) => Number(v ?? 0);

export async function getOverview(db: Db, now = new Date()): Promise<Overview> {
  const { settings } = await loadConfig(db);
  const zone = settings.timezone;
  const today = dayInZone(now, zone);
  const firstDay = addDays(today, -(OVERVIEW_DAYS - 1));
  const from = startOfDayInZone(firstDay, zone);

  const [learnerRow, perDay, byReason, unlocks] = await Promise.all([
    // One pass over learners. A learner's streak is current when their last active day (in their own
    // zone, else the organisation's) is today or yesterday: the rule of streaks.ts, in SQL.
    db.$queryRaw<{ learners: number; points: bigint | null; active_streaks: number }[]>`
      SELECT count(*)::int AS learners,
             sum(points)::bigint AS points,
             count(*) FILTER (
               WHERE last_active_date >= (${now}::timestamptz AT TIME ZONE COALESCE(timezone, ${zone}))::date - 1
             )::int AS active_streaks
      FROM learner`,
    // Counted by the day each event happened, so imported history spreads over its own days instead of
    // spiking on the day it arrived. An event is never received before it occurred (less the clock skew the
    // schema allows), so the received_at bound keeps this on that index, over the last 30 days only.
    db.$queryRaw<{ day: string; events: number }[]>`
      SELECT to_char((occurred_at AT TIME ZONE ${zone})::date, 'YYYY-MM-DD') AS day, count(*)::int AS events
      FROM event WHERE received_at >= ${new Date(from.getTime() - MAX_FUTURE_MS)} AND occurred_at >= ${from}
      GROUP BY 1 ORDER BY 1`,
    // Reads the created_at index over the last 30 days only.
    db.$queryRaw<{ reason: string; points: bigint }[]>`
      SELECT reason, sum(points)::bigint AS points FROM ledger_entry
      WHERE created_at >= ${from}
      GROUP BY reason`,
    db.$queryRaw<{ key: string; name: string; active: boolean; earned: number }[]>`
      SELECT a.key, a.name, a.active, COALESCE(c.earned, 0)::int AS earned
      FROM achievement a
      LEFT JOIN (SELECT achievement_id, count(*) AS earned FROM learner_achievement GROUP BY achievement_id) c
        ON c.achievement_id = a.id
      ORDER BY earned DESC, a.id`,
  ]);

  const counts = new Map(perDay.map((r) => [r.day, r.events]));
  const eventsPerDay = Array.from({ length: OVERVIEW_DAYS }, (_, i) => {
    const day = addDays(firstDay, i);
    return { day, events: counts.get(day) ?? 0 };
  });
  const monday = mondayOf(today);
  const reasons = Object.keys(REASON_LABELS);
  const pointsByType = byReason
    .filter((r) => r.reason in REASON_LABELS)
    .sort((a, b) => reasons.indexOf(a.reason) - reasons.indexOf(b.reason))
    .map((r) => ({ reason: r.reason, label: REASON_LABELS[r.reason]!, points: toNumber(r.points) }))
    .filter((r) => r.points !== 0);

  const learner = learnerRow[0];
  return {
    timezone: zone,
    today,
    learners: learner?.learners ?? 0,
    activeStreaks: learner?.active_streaks ?? 0,
    pointsAwarded: toNumber(learner?.points),
    eventsToday: counts.get(today) ?? 0,
    eventsThisWeek: eventsPerDay.filter((d) => d.day >= monday).reduce((n, d) => n + d.events, 0),
    achievementsEarned: unlocks.reduce((n, a) => n + a.earned, 0),
    eventsPerDay,
    pointsByType,
    achievementUnlocks: unlocks,
  };
}
