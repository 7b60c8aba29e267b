import type { Achievement, PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { parametersOf, type AchievementKind } from "@/server/lib/achievement-kinds";
import type { AchievementInput } from "@/server/schemas/achievements";
import { bumpConfigVersion } from "@/server/services/rules";
import { backfillAchievement } from "./backfill";

/** The public shape of an achievement (API.md). */
export function describeAchievement(a: Achievement) {
  const criterion = { kind: a.kind as AchievementKind, threshold: a.threshold, ...parametersOf(a.kind, a) };
  return { key: a.key, name: a.name, description: a.description, iconUrl: a.iconUrl, points: a.points, criterion };
}

export async function listActiveAchievements(db: Db) {
  const rows = await db.achievement.findMany({ where: { active: true }, orderBy: { id: "asc" } });
  return rows.map(describeAchievement);
}

/** One achievement (active or not) with how many learners earned it. */
export async function getAchievement(db: Db, key: string) {
  const a = await db.achievement.findUnique({ where: { key }, include: { _count: { select: { earned: true } } } });
  if (!a) throw new AppError("NOT_FOUND", `No achievement with key ${key}.`);
  return { ...describeAchievement(a), active: a.active, earnedBy: a._count.earned };
}

/** Every achievement for the dashboard, with how many learners earned each. */
export async function listAllAchievements(db: Db) {
  const rows = await db.achievement.findMany({ orderBy: { id: "asc" }, include: { _count: { select: { earned: true } } } });
  return rows.map((a) => ({ ...describeAchievement(a), id: a.id, active: a.active, earnedBy: a._count.earned }));
}

function columns(input: AchievementInput) {
  return {
    name: input.name,
    description: input.description,
    iconUrl: input.iconUrl,
    points: input.points,
    kind: input.criterion.kind,
    threshold: input.criterion.threshold,
    withinHours: null,
    period: null,
    ...parametersOf(input.criterion.kind, input.criterion),
  };
}

type Audit = { adminId: number | null; actor: string };

/**
 * Creates an achievement and awards it retroactively to everyone who already qualifies (DOMAIN.md).
 * `backfill` is where the retroactive award runs: here by default, or handed to a job.
 */
export async function createAchievement(
  db: PrismaClient,
  input: AchievementInput,
  audit: Audit,
  backfill: (achievementId: number) => Promise<number> = async (id) => (await backfillAchievement(db, id)).awarded,
) {
  const exists = await db.achievement.findUnique({ where: { key: input.key } });
  if (exists) throw new AppError("CONFLICT", `An achievement with key ${input.key} already exists.`);
  const created = await db.$transaction(async (tx) => {
    const a = await tx.achievement.create({ data: { key: input.key, ...columns(input) } });
    await bumpConfigVersion(tx);
    await tx.auditLog.create({ data: { ...audit, action: "achievement.create", target: `achievement:${a.key}`, details: input } });
    return a;
  });
  const awarded = await backfill(created.id);
  return { achievement: describeAchievement(created), awarded };
}

/** Edits an achievement; the key stays. Changes apply to later events; nothing earned is taken back. */
export async function updateAchievement(db: PrismaClient, key: string, input: Omit<AchievementInput, "key">, audit: Audit) {
  const updated = await db.$transaction(async (tx) => {
    const existing = await tx.achievement.findUnique({ where: { key } });
    if (!existing) throw new AppError("NOT_FOUND", `No achievement with key ${key}.`);
    const a = await tx.achievement.update({ where: { key }, data: columns({ ...input, key }) });
    await bumpConfigVersion(tx);
    await tx.auditLog.create({ data: { ...audit, action: "achievement.update", target: `achievement:${key}`, details: input } });
    return a;
  });
  return describeAchievement(updated);
}

/** Deactivating hides an achievement from new awards; re-activating awards it retroactively. */
export async function setAchievementActive(
  db: PrismaClient,
  key: string,
  active: boolean,
  audit: Audit,
  backfill: (achievementId: number) => Promise<number> = async (id) => (await backfillAchievement(db, id)).awarded,
) {
  const changed = await db.$transaction(async (tx) => {
    const existing = await tx.achievement.findUnique({ where: { key } });
    if (!existing) throw new AppError("NOT_FOUND", `No achievement with key ${key}.`);
    const row = await tx.achievement.update({ where: { key }, data: { active } });
    await bumpConfigVersion(tx);
    await tx.auditLog.create({
      data: { ...audit, action: active ? "achievement.activate" : "achievement.deactivate", target: `achievement:${key}` },
    });
    // Learners keep what they earned while it was inactive: the admin hears about them, not just the new awards.
    const heldBy = await tx.learnerAchievement.count({ where: { achievementId: row.id } });
    return { row, heldBy };
  });
  const awarded = active ? await backfill(changed.row.id) : 0;
  return { achievement: describeAchievement(changed.row), active, awarded, alreadyHeldBy: changed.heldBy };
}
