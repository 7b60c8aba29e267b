import type { PrismaClient } from "@prisma/client";
import { prismaSql } from "@/server/db";
import { AppError } from "@/server/errors";
import { adjustmentFloorProblem } from "@/server/lib/adjustment-floor";
import { appendLedger } from "@/server/services/events/ledger";
import { criterionHolds, insertEarned, achievementLedgerRows } from "./achievements";
import { findLearner, progressOf } from "./learner-profile";
import { levelUpOf } from "./levels";
import { enqueueWebhooks, levelReachedMessage } from "./webhooks/outbox";
import type { AuditActor } from "./audit";
import { loadConfig } from "./rules";

/** The floor (server/lib/adjustment-floor.ts), checked on the total read under the learner's row lock. */
function refuseBelowZero(total: number, adjustment: number): void {
  const problem = adjustmentFloorProblem(total, adjustment);
  if (problem) throw new AppError("BAD_REQUEST", problem.message, [{ path: ["points"], message: problem.field }]);
}

/**
 * A manual adjustment by an admin: one ledger row with the reason and the admin, dated now, audited.
 * Positive adjustments count toward total_points achievements like any other points.
 */
export async function adjustPoints(
  client: PrismaClient,
  input: { userId: string; points: number; reason: string },
  actor: AuditActor,
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
    refuseBelowZero(locked.points, input.points);
    const progress = progressOf(locked);
    progress.activityPoints += input.points;
    const candidates = config.activeAchievements.filter((a) => criterionHolds(a, progress));
    const earned = await insertEarned(prismaSql(db), learner.id, candidates, now, null);
    const achievementPoints = earned.reduce((n, a) => n + a.points, 0);
    await appendLedger(
      prismaSql(db),
      { id: learner.id, userId: learner.userId },
      [
        { points: input.points, reason: "adjustment", occurredAt: now, adminId: actor.adminId, note: input.reason.trim() },
        ...achievementLedgerRows(earned, now, null),
      ],
      config.settings.timezone,
    );
    const updated = await db.learner.update({
      where: { id: learner.id },
      data: { points: { increment: input.points + achievementPoints }, achievementPoints: { increment: achievementPoints } },
    });
    // An adjustment that lifts the learner into a higher band is a level reached like any other.
    const levelUp = levelUpOf(config.levels, locked.points, updated.points);
    if (levelUp) {
      await enqueueWebhooks(prismaSql(db), config.webhookSubscriptions, [levelReachedMessage(learner.userId, null, levelUp)], now);
    }
    await db.auditLog.create({
      data: {
        ...actor,
        action: "points.adjust",
        target: `learner:${input.userId}`,
        details: { points: input.points, reason: input.reason.trim(), achievementsUnlocked: earned.map((a) => a.key) },
      },
    });
    return { points: updated.points, achievementsUnlocked: earned.map((a) => a.key) };
  });
}
