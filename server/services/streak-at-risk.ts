import { inTransaction, prismaSql, sqlOf, type Db } from "@/server/db";
import { dayInZone } from "@/server/lib/calendar";
import { pausedCoursesOf, protectionRules } from "./streak-protection";
import { isNeutralDay } from "./streak-timeline";
import { readStreak } from "./streaks";
import { loadConfig } from "./rules";
import { anySubscribed, enqueueWebhooks } from "./webhooks/outbox";

interface Candidate {
  id: number;
  user_id: string;
  zone: string;
  longest_streak: number;
  last_active_date: string;
  run_start_date: string | null;
  run_length: number;
  freezes_held: number;
  frozen_days: string[];
  freeze_grants: string[];
}

/**
 * The at-risk nudge (DOMAIN.md Revision 2): once the admins' local hour has come in a learner's zone, a learner
 * with a current streak, no activity today and no freeze to cover today gets one `streak.at_risk` webhook for
 * that day. The row in streak_at_risk_sent is the "once": a second run, or a second instance, inserts nothing.
 */
export async function sendAtRiskNudges(db: Db, now = new Date()): Promise<{ nudged: number; checked: number }> {
  const config = await loadConfig(db);
  if (!anySubscribed(config.webhookSubscriptions, "streak.at_risk")) return { nudged: 0, checked: 0 };
  const sql = sqlOf(db);
  // Learners past the hour today who were not active today (their zone's today) and have not been nudged.
  const candidates = await sql.query<Candidate>(
    `WITH l AS (
       SELECT learner.*, COALESCE(learner.timezone, s.timezone) AS zone, s.at_risk_hour
       FROM learner, org_settings s WHERE s.id = 1 AND learner.run_length > 0 AND learner.last_active_date IS NOT NULL
     )
     SELECT l.id, l.user_id, l.zone, l.longest_streak, l.last_active_date::text, l.run_start_date::text, l.run_length,
       l.freezes_held, l.frozen_days, l.freeze_grants
     FROM l
     WHERE extract(hour FROM $1::timestamptz AT TIME ZONE l.zone) >= l.at_risk_hour
       AND l.last_active_date < ($1::timestamptz AT TIME ZONE l.zone)::date
       AND NOT EXISTS (SELECT 1 FROM streak_at_risk_sent r WHERE r.learner_id = l.id AND r.day = ($1::timestamptz AT TIME ZONE l.zone)::date)`,
    [now.toISOString()],
  );
  const rules = protectionRules(config);
  const memberships = await pausedCoursesOf(
    db,
    candidates.map((c) => c.id),
    config,
  );
  const atRisk = candidates.flatMap((c) => {
    const memberOf = memberships.get(c.id)!;
    const today = dayInZone(now, c.zone);
    if (isNeutralDay(today, false, rules, memberOf)) return [];
    const streak = readStreak(
      {
        longestStreak: c.longest_streak,
        lastActiveDate: c.last_active_date,
        runStartDate: c.run_start_date,
        runLength: c.run_length,
        freezesHeld: c.freezes_held,
        frozenDays: c.frozen_days,
        freezeGrants: c.freeze_grants,
      },
      c.zone,
      now,
      { rules, memberOf },
    );
    if (streak.current === 0 || streak.freezes.available > 0) return [];
    return [{ learner_id: c.id, day: today, userId: c.user_id, streak: streak.current, lastActiveDate: c.last_active_date }];
  });
  if (atRisk.length === 0) return { nudged: 0, checked: candidates.length };
  const nudged = await inTransaction(db, async (tx) => {
    const fresh = await prismaSql(tx).query<{ learner_id: number; day: string }>(
      `INSERT INTO streak_at_risk_sent (learner_id, day)
       SELECT x.learner_id, x.day FROM jsonb_to_recordset($1::jsonb) AS x(learner_id int, day date)
       ON CONFLICT DO NOTHING RETURNING learner_id, day::text`,
      [JSON.stringify(atRisk.map(({ learner_id, day }) => ({ learner_id, day })))],
    );
    const sent = new Set(fresh.map((r) => `${r.learner_id}|${r.day}`));
    const messages = atRisk
      .filter((r) => sent.has(`${r.learner_id}|${r.day}`))
      .map((r) => ({
        type: "streak.at_risk" as const,
        data: { userId: r.userId, day: r.day, streak: r.streak, lastActiveDate: r.lastActiveDate, hour: config.settings.atRiskHour },
      }));
    await enqueueWebhooks(prismaSql(tx), config.webhookSubscriptions, messages, now);
    return messages.length;
  });
  return { nudged, checked: candidates.length };
}
