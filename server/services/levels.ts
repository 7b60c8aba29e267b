import type { PrismaClient } from "@prisma/client";
import { sqlOf, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { levelBandProblems, type LevelBandInput } from "@/server/lib/level-curve";
import type { Level } from "@/server/schemas/levels";
import { writeAudit, type AuditActor } from "./audit";
import { bumpConfigVersion, cachedConfig } from "./rules";

// Levels (DOMAIN.md Revision 2): bands of all-time points (achievement points included) that admins define.
// A learner's level is levelOf(bands, total), nothing stored beside the total, so it never depends on the order
// events arrived in, and changing the bands re-levels everyone at once without moving a point.

export type LevelBand = LevelBandInput;

/** The level of an all-time total: the highest band whose start the total reaches (level 1 starts at 0). */
export function levelOf(bands: LevelBand[], points: number): Level {
  let i = 0;
  while (i + 1 < bands.length && bands[i + 1]!.startPoints <= points) i++;
  const band = bands[i]!;
  return { number: band.number, name: band.name, points, currentAt: band.startPoints, nextAt: bands[i + 1]?.startPoints ?? null };
}

/** A move to a higher level: the number left, and the level reached. */
export interface LevelUp {
  from: number;
  to: Level;
}

/** The level a change of total reached, when it is higher than the one before; else null (a drop is no news). */
export function levelUpOf(bands: LevelBand[], before: number, after: number): LevelUp | null {
  const from = levelOf(bands, before).number;
  const to = levelOf(bands, after);
  return to.number > from ? { from, to } : null;
}

/** A learner's level (null for an unknown learner), with the bands cached with the rules. */
export async function getLearnerLevel(db: Db, userId: string): Promise<Level | null> {
  const [learner, config] = await Promise.all([db.learner.findUnique({ where: { userId }, select: { points: true } }), cachedConfig(db)]);
  return learner && levelOf(config.levels, learner.points);
}

/** The levels of the listed learners (a page of a list or a board), by user id: one statement. */
export async function getLearnerLevels(db: Db, userIds: string[]): Promise<{ userId: string; number: number; name: string }[]> {
  const [rows, config] = await Promise.all([
    db.learner.findMany({ where: { userId: { in: userIds } }, select: { userId: true, points: true } }),
    cachedConfig(db),
  ]);
  return rows.map((r) => {
    const { number, name } = levelOf(config.levels, r.points);
    return { userId: r.userId, number, name };
  });
}

/** The bands in order of their start (ingestion and stats read the copy cached with the rules, EngineConfig.levels). */
export async function listLevelBands(db: Db): Promise<LevelBand[]> {
  return db.levelBand.findMany({ orderBy: { startPoints: "asc" }, select: { number: true, name: true, startPoints: true } });
}

/**
 * Replaces the bands (numbered by position), audited, and bumps the rules' version so ingestion levels the
 * next event with them. Nothing else is written: levels are read from points.
 */
export async function saveLevelBands(
  client: PrismaClient,
  input: { bands: { name: string; startPoints: number }[] },
  actor: AuditActor,
): Promise<LevelBand[]> {
  const problems = levelBandProblems(input.bands);
  if (problems.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      "The levels are not a valid ladder.",
      problems.map((p) => ({ path: ["bands", p.index, p.field], message: p.message })),
    );
  }
  const bands = input.bands.map((b, i) => ({ number: i + 1, name: b.name.trim(), startPoints: b.startPoints }));
  return client.$transaction(async (tx) => {
    const before = await listLevelBands(tx);
    await tx.levelBand.deleteMany();
    await tx.levelBand.createMany({ data: bands });
    await bumpConfigVersion(tx);
    await writeAudit(tx, actor, { action: "levels.update", target: "levels", details: { before, after: bands } });
    return bands;
  });
}

/**
 * How many learners sit in each band under the given starts (ascending, the first 0): one grouped scan of the
 * learner table (width_bucket finds each total's band), so the editor's preview stays cheap at a million learners.
 */
export async function countLearnersPerLevel(db: Db, starts: number[]): Promise<{ counts: number[]; learners: number }> {
  const rows = await sqlOf(db).query<{ band: number; n: number }>(
    `SELECT width_bucket(points, $1::int[]) AS band, count(*)::int AS n FROM learner GROUP BY 1`,
    [starts],
  );
  const counts = starts.map(() => 0);
  let learners = 0;
  for (const r of rows) {
    // A total below 0 (never written: adjustments stop at 0) would be bucket 0; count it in level 1.
    counts[Math.max(0, r.band - 1)]! += r.n;
    learners += r.n;
  }
  return { counts, learners };
}

/**
 * The learner's level when it is news: it starts above the total they had when a level was last announced to
 * them. So a level is announced once, and a change of bands alone announces nothing they had already seen.
 */
export function unannouncedLevel(level: Level, seenPoints: number): Level | null {
  return level.number > 1 && level.currentAt > seenPoints ? level : null;
}

/**
 * Records that a level read at `points` was announced. Never past the learner's real total, and never back:
 * a level reached after the view was read is still news.
 */
export async function markLevelSeen(db: Db, userId: string, points: number): Promise<number> {
  return db.$executeRaw`
    UPDATE learner SET level_seen_points = GREATEST(level_seen_points, LEAST(${points}::int, points)) WHERE user_id = ${userId}`;
}
