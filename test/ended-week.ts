import type { PrismaClient } from "@prisma/client";
import type { EventInput } from "@/server/schemas/events";
import { recordEvents } from "@/server/services/events";
import { bumpConfigVersion } from "@/server/services/rules";

// A week that has ended, for the scheduler's tests (vitest and Playwright, so no test runner is imported here):
// three learners on its board and a period_rank achievement for its winner, awarded when the week closes.

export interface EndedWeek {
  weekStart: string;
  achievementKey: string;
  winner: string;
}

/** Seeds the week starting on Monday `weekStart` (UTC, the organisation's default zone). */
export async function seedEndedWeek(db: PrismaClient, weekStart: string, prefix: string): Promise<EndedWeek> {
  const achievementKey = `${prefix}-weekly-winner`;
  await db.achievement.create({
    data: { key: achievementKey, name: "Weekly winner", kind: "period_rank", threshold: 1, period: "weekly", points: 30 },
  });
  await bumpConfigVersion(db);
  const at = (hour: number) => `${weekStart}T${String(hour).padStart(2, "0")}:00:00Z`;
  const lesson = (userId: string, lessonId: string, hour: number, difficulty: "easy" | "medium" | "hard"): EventInput => ({
    id: `${prefix}-${userId}-${lessonId}`,
    type: "lesson.completed",
    userId: `${prefix}-${userId}`,
    courseId: `${prefix}-course`,
    lessonId,
    difficulty,
    occurredAt: at(hour),
  });
  const results = await recordEvents(db, [
    lesson("a", "l1", 9, "hard"),
    lesson("a", "l2", 10, "easy"),
    lesson("b", "l1", 9, "medium"),
    lesson("c", "l1", 11, "easy"),
  ]);
  const refused = results.find((r) => r.status !== "created");
  if (refused) throw new Error(`An event of the ended week was refused: ${JSON.stringify(refused)}`);
  return { weekStart, achievementKey, winner: `${prefix}-a` };
}

/** What closing the week left: its period_close rows, and who holds its achievement (each once at most). */
export async function closedWeekFacts(db: PrismaClient, week: EndedWeek) {
  const closes = await db.periodClose.count({ where: { period: "weekly", periodStart: new Date(`${week.weekStart}T00:00:00Z`) } });
  const holders = await db.learnerAchievement.findMany({
    where: { achievement: { key: week.achievementKey } },
    select: { learner: { select: { userId: true } } },
  });
  return { closes, holders: holders.map((h) => h.learner.userId) };
}
