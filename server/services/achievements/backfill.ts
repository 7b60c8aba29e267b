import type { Achievement, PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadConfig } from "@/server/services/rules";
import { grantToLearner } from "./award";
import { qualifyingCondition } from "./kinds";

/** Learners who qualify for an achievement and do not hold it yet, after a given learner id (for batching). */
async function qualifyingLearners(db: Db, a: Achievement, afterId: number, limit: number): Promise<number[]> {
  const notEarned = `NOT EXISTS (SELECT 1 FROM learner_achievement la WHERE la.learner_id = l.id AND la.achievement_id = ${a.id})`;
  const params: unknown[] = [afterId, limit];
  const criterion = qualifyingCondition(a, (value) => `$${params.push(value)}`);
  if (criterion === undefined) throw new AppError("BAD_REQUEST", `Unknown achievement kind ${a.kind}.`);
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
  const config = await loadConfig(db);
  const now = new Date();
  let awarded = 0;
  for (const learnerId of ids) {
    const earned = await db.$transaction((tx) => grantToLearner(tx, learnerId, [achievement], now, config.settings.timezone, config));
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
