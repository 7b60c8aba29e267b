import type { Learner } from "@prisma/client";
import { sqlOf, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Level } from "@/server/schemas/levels";
import type { LearnerProgress } from "./achievements";
import { getLearnerStandings } from "./leaderboards";
import { levelOf } from "./levels";
import type { Visibility } from "./privacy/visibility";
import { cachedConfig, loadConfig } from "./rules";
import { protectionFor } from "./streak-protection";
import { readStreak, type StreakProtection, type StreakSummary, type StreakView } from "./streaks";

export async function findLearner(db: Db, userId: string): Promise<Learner> {
  const learner = await db.learner.findUnique({ where: { userId } });
  if (!learner) throw new AppError("NOT_FOUND", `No learner with userId ${userId}.`);
  return learner;
}

const asDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The zone a learner's days are counted in: their own, else the organisation's. */
async function zoneOf(db: Db, learner: Learner): Promise<string> {
  return learner.timezone ?? (await loadConfig(db)).settings.timezone;
}

/** The summary on a learner's row (Prisma's shape or the raw columns' names). */
function summaryOf(learner: Learner): StreakSummary {
  return {
    longestStreak: learner.longestStreak,
    lastActiveDate: asDay(learner.lastActiveDate),
    runStartDate: asDay(learner.runStartDate),
    runLength: learner.runLength,
    freezesHeld: learner.freezesHeld,
    frozenDays: learner.frozenDays as string[],
    freezeGrants: learner.freezeGrants as string[],
  };
}

export function streakOf(learner: Learner, zone: string, now: Date, protection?: StreakProtection): StreakView {
  return readStreak(summaryOf(learner), zone, now, protection);
}

export function progressOf(learner: Learner): LearnerProgress {
  return {
    lessonsCompleted: learner.lessonsCompleted,
    coursesCompleted: learner.coursesCompleted,
    longestStreak: learner.longestStreak,
    activityPoints: learner.points - learner.achievementPoints,
    perfectCourses: learner.perfectCourses,
  };
}

export interface LearnerStats {
  userId: string;
  displayName: string;
  timezone: string;
  points: { allTime: number; weekly: number; monthly: number };
  rank: { allTime: number | null; weekly: number | null; monthly: number | null };
  lessonsCompleted: number;
  coursesCompleted: number;
  streak: StreakView;
  achievementsEarned: number;
  level: Level;
}

export async function getLearnerStats(db: Db, userId: string, now = new Date()): Promise<LearnerStats> {
  // The API's most-read learner view: the learner and their badge count in one statement, the three
  // standings in another (which also refreshes the cached rules the zone is read from).
  const [learner] = await sqlOf(db).query<{
    id: number;
    user_id: string;
    display_name: string | null;
    timezone: string | null;
    points: number;
    lessons_completed: number;
    courses_completed: number;
    longest_streak: number;
    last_active_date: string | null;
    run_start_date: string | null;
    run_length: number;
    freezes_held: number;
    frozen_days: string[];
    freeze_grants: string[];
    achievements_earned: number;
  }>(
    `SELECT id, user_id, display_name, timezone, points, lessons_completed, courses_completed, longest_streak,
       last_active_date::text, run_start_date::text, run_length, freezes_held, frozen_days, freeze_grants,
       (SELECT count(*)::int FROM learner_achievement WHERE learner_id = learner.id) AS achievements_earned
     FROM learner WHERE user_id = $1`,
    [userId],
  );
  if (!learner) throw new AppError("NOT_FOUND", `No learner with userId ${userId}.`);
  const [allTime, weekly, monthly] = await getLearnerStandings(
    db,
    learner.id,
    (["all-time", "weekly", "monthly"] as const).map((period) => ({ courseId: null, period })),
    now,
  );
  const config = await cachedConfig(db);
  const zone = learner.timezone ?? config.settings.timezone;
  const streak = readStreak(
    {
      longestStreak: learner.longest_streak,
      lastActiveDate: learner.last_active_date,
      runStartDate: learner.run_start_date,
      runLength: learner.run_length,
      freezesHeld: learner.freezes_held,
      frozenDays: learner.frozen_days,
      freezeGrants: learner.freeze_grants,
    },
    zone,
    now,
    await protectionFor(db, learner.id, config),
  );
  return {
    userId: learner.user_id,
    displayName: learner.display_name ?? learner.user_id,
    timezone: zone,
    points: { allTime: learner.points, weekly: weekly!.points, monthly: monthly!.points },
    rank: { allTime: allTime!.rank, weekly: weekly!.rank, monthly: monthly!.rank },
    lessonsCompleted: learner.lessons_completed,
    coursesCompleted: learner.courses_completed,
    streak,
    achievementsEarned: learner.achievements_earned,
    level: levelOf(config.levels, learner.points),
  };
}

export async function getLearnerStreak(db: Db, userId: string, now = new Date()): Promise<StreakView & { timezone: string }> {
  const learner = await findLearner(db, userId);
  const zone = await zoneOf(db, learner);
  const protection = await protectionFor(db, learner.id, await cachedConfig(db));
  return { ...streakOf(learner, zone, now, protection), timezone: zone };
}

/** Changes a learner's display name, zone or visibility; a new zone applies to later events only. */
export async function updateLearner(
  db: Db,
  userId: string,
  changes: { displayName?: string; timezone?: string; visibility?: Visibility },
  now = new Date(),
): Promise<LearnerStats> {
  await findLearner(db, userId);
  await db.learner.update({
    where: { userId },
    data: { displayName: changes.displayName, timezone: changes.timezone, visibility: changes.visibility },
  });
  return getLearnerStats(db, userId, now);
}

/** The learner's active days between two calendar days (inclusive), for streak calendars and heat-maps. */
export async function listActiveDays(db: Db, userId: string, from: string, to: string): Promise<string[]> {
  const learner = await findLearner(db, userId);
  const rows = await db.activeDay.findMany({
    where: { learnerId: learner.id, day: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
    orderBy: { day: "asc" },
    select: { day: true },
  });
  return rows.map((r) => r.day.toISOString().slice(0, 10));
}
