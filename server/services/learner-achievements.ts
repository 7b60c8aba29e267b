import type { Db } from "@/server/db";
import { progressToward } from "./achievements";
import { findLearner, progressOf } from "./learner-profile";

export interface LearnerAchievements {
  earned: { key: string; name: string; description: string; iconUrl: string; points: number; earnedAt: string; seen: boolean }[];
  inProgress: {
    key: string;
    name: string;
    description: string;
    iconUrl: string;
    points: number;
    progress: { current: number; target: number };
  }[];
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
