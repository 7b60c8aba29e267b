import type { Achievement, PrismaClient } from "@prisma/client";
import { prismaSql, type Db, type Sql } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ACHIEVEMENT_KINDS } from "@/server/schemas/achievements";
import { globalTopLearnersSql } from "./leaderboards";
import { appendLedger, type LedgerRow } from "./ledger";

export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

/** What threshold criteria read: a learner's running totals. */
export interface LearnerProgress {
  lessonsCompleted: number;
  coursesCompleted: number;
  longestStreak: number;
  /** All-time points without achievement points, so achievements cannot chain. */
  activityPoints: number;
  perfectCourses: number;
}

const THRESHOLD_VALUE: Partial<Record<AchievementKind, (p: LearnerProgress) => number>> = {
  lessons_completed: (p) => p.lessonsCompleted,
  courses_completed: (p) => p.coursesCompleted,
  streak_days: (p) => p.longestStreak,
  total_points: (p) => p.activityPoints,
  perfect_course: (p) => p.perfectCourses,
};

/** True for criteria judged from the learner's totals alone (the others need an event or a closed period). */
export function isThresholdKind(kind: string): boolean {
  return kind in THRESHOLD_VALUE;
}

export function thresholdHolds(achievement: Pick<Achievement, "kind" | "threshold">, progress: LearnerProgress): boolean {
  const value = THRESHOLD_VALUE[achievement.kind as AchievementKind];
  return value !== undefined && value(progress) >= achievement.threshold;
}

/** Progress toward an achievement not yet earned, for learner views. */
export function progressToward(
  achievement: Pick<Achievement, "kind" | "threshold">,
  progress: LearnerProgress,
): { current: number; target: number } {
  const value = THRESHOLD_VALUE[achievement.kind as AchievementKind];
  const target = achievement.kind === "speed_course" ? 1 : achievement.kind === "period_rank" ? 1 : achievement.threshold;
  if (!value) return { current: 0, target };
  return { current: Math.min(value(progress), target), target };
}

/**
 * Records achievements as earned by a learner, at most once each (the primary key decides, so two
 * concurrent crossings award once). Returns the ones newly earned; the caller writes their ledger rows.
 */
export async function insertEarned(
  sql: Sql,
  learnerId: number,
  candidates: Achievement[],
  earnedAt: Date,
  eventId: string | null,
): Promise<Achievement[]> {
  if (candidates.length === 0) return [];
  const rows = JSON.stringify(candidates.map((a) => ({ achievement_id: a.id, points: a.points })));
  const inserted = await sql.query<{ achievement_id: number }>(
    `INSERT INTO learner_achievement (learner_id, achievement_id, earned_at, points, event_id)
     SELECT $1::int, x.achievement_id, $2::timestamptz, x.points, $3::text
     FROM jsonb_to_recordset($4::jsonb) AS x(achievement_id int, points int)
     ORDER BY x.achievement_id
     ON CONFLICT (learner_id, achievement_id) DO NOTHING
     RETURNING achievement_id`,
    [learnerId, earnedAt.toISOString(), eventId, rows],
  );
  const ids = new Set(inserted.map((r) => r.achievement_id));
  return candidates.filter((a) => ids.has(a.id));
}

export function achievementLedgerRows(earned: Achievement[], at: Date, eventId: string | null): LedgerRow[] {
  return earned.map((a) => ({ points: a.points, reason: "achievement", occurredAt: at, eventId, achievementId: a.id }));
}

/** Awards achievements to one learner outside ingestion (backfill, period close): lock, record, ledger, totals. */
export async function grantToLearner(
  db: Db,
  learnerId: number,
  achievements: Achievement[],
  at: Date,
  orgZone: string,
): Promise<Achievement[]> {
  const [learner] = await db.$queryRaw<{ user_id: string }[]>`SELECT user_id FROM learner WHERE id = ${learnerId} FOR UPDATE`;
  if (!learner) throw new AppError("NOT_FOUND", "No such learner.");
  const earned = await insertEarned(prismaSql(db), learnerId, achievements, at, null);
  if (earned.length === 0) return earned;
  await appendLedger(prismaSql(db), { id: learnerId, userId: learner.user_id }, achievementLedgerRows(earned, at, null), orgZone);
  const sum = earned.reduce((n, a) => n + a.points, 0);
  await db.$executeRaw`
    UPDATE learner SET points = points + ${sum}, achievement_points = achievement_points + ${sum}, updated_at = now()
    WHERE id = ${learnerId}`;
  return earned;
}

/** Learners who qualify for an achievement and do not hold it yet, after a given learner id (for batching). */
async function qualifyingLearners(db: Db, a: Achievement, afterId: number, limit: number): Promise<number[]> {
  const notEarned = `NOT EXISTS (SELECT 1 FROM learner_achievement la WHERE la.learner_id = l.id AND la.achievement_id = ${a.id})`;
  const column: Record<string, string> = {
    lessons_completed: "l.lessons_completed",
    courses_completed: "l.courses_completed",
    streak_days: "l.longest_streak",
    total_points: "(l.points - l.achievement_points)",
    perfect_course: "l.perfect_courses",
  };
  let criterion: string;
  const params: unknown[] = [afterId, limit, a.threshold];
  if (column[a.kind]) {
    criterion = `${column[a.kind]} >= $3`;
  } else if (a.kind === "speed_course") {
    params[2] = a.withinHours ?? 24;
    criterion = `EXISTS (
      SELECT 1 FROM learner_course lc JOIN event e
        ON e.learner_id = lc.learner_id AND e.course_id = lc.course_id AND e.type = 'course.completed'
      WHERE lc.learner_id = l.id AND lc.first_activity_at IS NOT NULL
        AND e.occurred_at > lc.first_activity_at
        AND e.occurred_at <= lc.first_activity_at + make_interval(hours => $3::int))`;
  } else if (a.kind === "period_rank") {
    params.push(a.period ?? "any");
    // The winners of every closed period of that kind, from its frozen global board (periods.ts).
    criterion = `l.id IN (
      SELECT top.learner_id FROM period_close pc,
        LATERAL (${globalTopLearnersSql("pc.period", "pc.period_start", "$3::int")}) top
      WHERE $4 = 'any' OR pc.period = $4)`;
  } else {
    throw new AppError("BAD_REQUEST", `Unknown achievement kind ${a.kind}.`);
  }
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT l.id FROM learner l WHERE l.id > $1 AND ${criterion} AND ${notEarned} ORDER BY l.id LIMIT $2`,
    ...params,
  );
  return rows.map((r) => r.id);
}

export interface BackfillProgress {
  awarded: number;
  batches: number;
  lastLearnerId: number;
  done: boolean;
}

/**
 * One batch of the retroactive award of an achievement (DOMAIN.md: a new or re-activated achievement is
 * awarded to everyone who already qualifies). Earned now, since the moment the criterion first held is past.
 * Idempotent: learners who hold it are skipped.
 */
export async function backfillBatch(
  db: PrismaClient,
  achievementId: number,
  afterLearnerId: number,
  batchSize = 500,
): Promise<{ awarded: number; lastLearnerId: number; done: boolean }> {
  const achievement = await db.achievement.findUnique({ where: { id: achievementId } });
  if (!achievement) throw new AppError("NOT_FOUND", "No such achievement.");
  if (!achievement.active) return { awarded: 0, lastLearnerId: afterLearnerId, done: true };
  const ids = await qualifyingLearners(db, achievement, afterLearnerId, batchSize);
  if (ids.length === 0) return { awarded: 0, lastLearnerId: afterLearnerId, done: true };
  const settings = await db.orgSettings.findUniqueOrThrow({ where: { id: 1 } });
  const now = new Date();
  let awarded = 0;
  for (const learnerId of ids) {
    const earned = await db.$transaction((tx) => grantToLearner(tx, learnerId, [achievement], now, settings.timezone));
    awarded += earned.length;
  }
  return { awarded, lastLearnerId: ids[ids.length - 1]!, done: ids.length < batchSize };
}

/** The whole retroactive award, batch after batch. Jobs call backfillBatch per step instead. */
export async function backfillAchievement(
  db: PrismaClient,
  achievementId: number,
  onProgress?: (p: BackfillProgress) => void,
): Promise<BackfillProgress> {
  const progress: BackfillProgress = { awarded: 0, batches: 0, lastLearnerId: 0, done: false };
  while (!progress.done) {
    const batch = await backfillBatch(db, achievementId, progress.lastLearnerId);
    progress.awarded += batch.awarded;
    progress.batches += 1;
    progress.lastLearnerId = batch.lastLearnerId;
    progress.done = batch.done;
    onProgress?.(progress);
  }
  return progress;
}
