import type { Learner, PrismaClient } from "@prisma/client";
import { prismaSql, sqlOf, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { isThresholdKind, progressToward, thresholdHolds, insertEarned, achievementLedgerRows, type LearnerProgress } from "./achievements";
import { appendLedger } from "./ledger";
import { getLearnerStandings } from "./leaderboards";
import { cachedConfig, loadConfig } from "./rules";
import { readStreak, type StreakView } from "./streaks";

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

export function streakOf(learner: Learner, zone: string, now: Date): StreakView {
  return readStreak(
    { longestStreak: learner.longestStreak, lastActiveDate: asDay(learner.lastActiveDate), runStartDate: asDay(learner.runStartDate) },
    zone,
    now,
  );
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
    achievements_earned: number;
  }>(
    `SELECT id, user_id, display_name, timezone, points, lessons_completed, courses_completed, longest_streak,
       last_active_date::text, run_start_date::text,
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
  const zone = learner.timezone ?? (await cachedConfig(db)).settings.timezone;
  const streak = readStreak(
    { longestStreak: learner.longest_streak, lastActiveDate: learner.last_active_date, runStartDate: learner.run_start_date },
    zone,
    now,
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
  };
}

export async function getLearnerStreak(db: Db, userId: string, now = new Date()): Promise<StreakView & { timezone: string }> {
  const learner = await findLearner(db, userId);
  const zone = await zoneOf(db, learner);
  return { ...streakOf(learner, zone, now), timezone: zone };
}

export interface LearnerAchievements {
  earned: { key: string; name: string; description: string; iconUrl: string; points: number; earnedAt: string; seen: boolean }[];
  inProgress: { key: string; name: string; description: string; iconUrl: string; points: number; progress: { current: number; target: number } }[];
}

export async function getLearnerAchievements(db: Db, userId: string): Promise<LearnerAchievements> {
  const learner = await findLearner(db, userId);
  const [earned, active] = await Promise.all([
    db.learnerAchievement.findMany({
      where: { learnerId: learner.id },
      include: { achievement: true },
      orderBy: [{ earnedAt: "desc" }, { achievementId: "asc" }],
    }),
    db.achievement.findMany({ where: { active: true }, orderBy: { id: "asc" } }),
  ]);
  const earnedIds = new Set(earned.map((e) => e.achievementId));
  const progress = progressOf(learner);
  return {
    earned: earned.map((e) => ({
      key: e.achievement.key,
      name: e.achievement.name,
      description: e.achievement.description,
      iconUrl: e.achievement.iconUrl,
      points: e.points,
      earnedAt: e.earnedAt.toISOString(),
      seen: e.seenAt !== null,
    })),
    inProgress: active
      .filter((a) => !earnedIds.has(a.id))
      .map((a) => ({
        key: a.key,
        name: a.name,
        description: a.description,
        iconUrl: a.iconUrl,
        points: a.points,
        progress: progressToward(a, progress),
      })),
  };
}

/** Marks earned achievements as seen; keys already seen or not earned are ignored. Returns how many changed. */
export async function markAchievementsSeen(db: Db, userId: string, keys: string[], now = new Date()): Promise<number> {
  const learner = await findLearner(db, userId);
  if (keys.length === 0) return 0;
  const { count } = await db.learnerAchievement.updateMany({
    where: { learnerId: learner.id, seenAt: null, achievement: { key: { in: keys } } },
    data: { seenAt: now },
  });
  return count;
}

/** Changes a learner's display name or zone; a new zone applies to later events only. */
export async function updateLearner(
  db: Db,
  userId: string,
  changes: { displayName?: string; timezone?: string },
  now = new Date(),
): Promise<LearnerStats> {
  await findLearner(db, userId);
  await db.learner.update({ where: { userId }, data: { displayName: changes.displayName, timezone: changes.timezone } });
  return getLearnerStats(db, userId, now);
}

/**
 * A manual adjustment by an admin: one ledger row with the reason and the admin, dated now, audited.
 * Positive adjustments count toward total_points achievements like any other points.
 */
export async function adjustPoints(
  client: PrismaClient,
  input: { userId: string; points: number; reason: string; adminId: number; adminEmail: string },
  now = new Date(),
): Promise<{ points: number; achievementsUnlocked: string[] }> {
  if (!Number.isInteger(input.points) || input.points === 0) {
    throw new AppError("BAD_REQUEST", "points must be a non-zero integer.", [{ path: ["points"], message: "must be a non-zero integer" }]);
  }
  if (!input.reason.trim()) {
    throw new AppError("BAD_REQUEST", "A reason is required.", [{ path: ["reason"], message: "is required" }]);
  }
  const config = await loadConfig(client);
  return client.$transaction(async (db) => {
  const learner = await findLearner(db, input.userId);
  await db.$queryRaw`SELECT id FROM learner WHERE id = ${learner.id} FOR UPDATE`;
  const locked = await db.learner.findUniqueOrThrow({ where: { id: learner.id } });
  const progress = progressOf(locked);
  progress.activityPoints += input.points;
  const candidates = config.activeAchievements.filter((a) => isThresholdKind(a.kind) && thresholdHolds(a, progress));
  const earned = await insertEarned(prismaSql(db), learner.id, candidates, now, null);
  const achievementPoints = earned.reduce((n, a) => n + a.points, 0);
  await appendLedger(
    prismaSql(db),
    { id: learner.id, userId: learner.userId },
    [
      { points: input.points, reason: "adjustment", occurredAt: now, adminId: input.adminId, note: input.reason.trim() },
      ...achievementLedgerRows(earned, now, null),
    ],
    config.settings.timezone,
  );
  const updated = await db.learner.update({
    where: { id: learner.id },
    data: { points: { increment: input.points + achievementPoints }, achievementPoints: { increment: achievementPoints } },
  });
  await db.auditLog.create({
    data: {
      adminId: input.adminId,
      actor: input.adminEmail,
      action: "points.adjust",
      target: `learner:${input.userId}`,
      details: { points: input.points, reason: input.reason.trim(), achievementsUnlocked: earned.map((a) => a.key) },
    },
  });
  return { points: updated.points, achievementsUnlocked: earned.map((a) => a.key) };
  });
}

export interface LedgerLine {
  id: string;
  points: number;
  /** lesson.completed | course.completed | user.login | streak.day | achievement | adjustment */
  reason: string;
  /** A sentence a learner or admin reads: "Lesson l-3 in course c-7", "Achievement: Ten Lessons". */
  label: string;
  occurredAt: string;
  createdAt: string;
  eventId: string | null;
  courseId: string | null;
  lessonId: string | null;
  achievementKey: string | null;
  note: string | null;
  adminEmail: string | null;
}

/** A learner's ledger, newest first, paged by the id of the last row seen. */
export async function listLedger(
  db: Db,
  userId: string,
  page: { limit: number; before?: string } = { limit: 50 },
): Promise<{ lines: LedgerLine[]; nextBefore: string | null }> {
  const learner = await findLearner(db, userId);
  const rows = await db.ledgerEntry.findMany({
    where: { learnerId: learner.id, ...(page.before ? { id: { lt: BigInt(page.before) } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const achievementIds = [...new Set(rows.map((r) => r.achievementId).filter((x): x is number => x !== null))];
  const adminIds = [...new Set(rows.map((r) => r.adminId).filter((x): x is number => x !== null))];
  const [achievements, admins] = await Promise.all([
    achievementIds.length ? db.achievement.findMany({ where: { id: { in: achievementIds } } }) : [],
    adminIds.length ? db.adminUser.findMany({ where: { id: { in: adminIds } }, select: { id: true, email: true } }) : [],
  ]);
  const achievementById = new Map(achievements.map((a) => [a.id, a]));
  const adminById = new Map(admins.map((a) => [a.id, a.email]));
  const lines = rows.slice(0, page.limit).map((r): LedgerLine => {
    const achievement = r.achievementId !== null ? achievementById.get(r.achievementId) : undefined;
    return {
      id: r.id.toString(),
      points: r.points,
      reason: r.reason,
      label: ledgerLabel(r, achievement?.name),
      occurredAt: r.occurredAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      eventId: r.eventId,
      courseId: r.courseId,
      lessonId: r.lessonId,
      achievementKey: achievement?.key ?? null,
      note: r.note,
      adminEmail: r.adminId !== null ? (adminById.get(r.adminId) ?? null) : null,
    };
  });
  return { lines, nextBefore: rows.length > page.limit ? lines[lines.length - 1]!.id : null };
}

function ledgerLabel(
  r: { reason: string; courseId: string | null; lessonId: string | null; streakDay: Date | null; note: string | null },
  achievementName: string | undefined,
): string {
  switch (r.reason) {
    case "lesson.completed":
      return `Lesson ${r.lessonId} completed in course ${r.courseId}`;
    case "course.completed":
      return `Course ${r.courseId} completed`;
    case "user.login":
      return "Signed in";
    case "streak.day":
      return `Streak continued on ${r.streakDay?.toISOString().slice(0, 10) ?? "a new day"}`;
    case "achievement":
      return `Achievement unlocked: ${achievementName ?? "an achievement"}`;
    case "adjustment":
      return `Adjusted by an admin: ${r.note ?? ""}`.trim();
    default:
      return r.reason;
  }
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
