import type { PrismaClient } from "@prisma/client";
import type { EventInput } from "@/server/schemas/events";

// A history for the import tests, and what a learner or an admin reads about it.

const difficulties = ["easy", "medium", "hard"] as const;

/** A deterministic history: 30 learners over 60 days, lessons in 6 courses, logins, course completions. */
export function history(run: string): EventInput[] {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const events: EventInput[] = [];
  for (let day = 0; day < 60; day++) {
    for (let u = 0; u < 30; u++) {
      if (random() < 0.45) continue;
      const userId = `${run}-u${u}`;
      const at = (hour: number) => new Date(Date.UTC(2026, 8, 1 + day, hour, Math.floor(random() * 60))).toISOString();
      const user = u % 5 === 0 ? { user: { displayName: `Learner ${u}`, timezone: "America/New_York" } } : {};
      events.push({ id: `${run}-login-${u}-${day}`, type: "user.login", userId, occurredAt: at(7), ...user });
      const course = (u + Math.floor(day / 10)) % 6;
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
        const lesson = Math.floor(random() * 12);
        events.push({
          id: `${run}-lesson-${u}-${day}-${k}`,
          type: "lesson.completed",
          userId,
          courseId: `c${course}`,
          lessonId: `l${lesson}`,
          difficulty: difficulties[(lesson + course) % 3],
          occurredAt: at(9 + k),
        });
      }
      if (day % 10 === 9) {
        events.push({
          id: `${run}-course-${u}-${day}`,
          type: "course.completed",
          userId,
          courseId: `c${course}`,
          score: u % 2 ? 100 : 90,
          occurredAt: at(20),
        });
      }
    }
  }
  return events;
}

/** Everything a learner or an admin reads about the run's learners, with the run's prefix taken off. */
export async function stateOf(db: PrismaClient, run: string) {
  const strip = (s: string) => s.replace(`${run}-`, "");
  const learners = await db.learner.findMany({
    where: { userId: { startsWith: `${run}-` } },
    include: { achievements: { include: { achievement: true } }, activeDays: true },
    orderBy: { userId: "asc" },
  });
  const ids = learners.map((l) => l.id);
  const ledger = await db.ledgerEntry.groupBy({
    by: ["learnerId", "reason"],
    where: { learnerId: { in: ids } },
    _sum: { points: true },
    _count: true,
  });
  const boards = await db.boardScore.findMany({ where: { learnerId: { in: ids } } });
  const userOf = new Map(learners.map((l) => [l.id, strip(l.userId)]));
  return {
    learners: learners.map((l) => ({
      user: strip(l.userId),
      name: l.displayName,
      points: l.points,
      achievementPoints: l.achievementPoints,
      lessons: l.lessonsCompleted,
      courses: l.coursesCompleted,
      longest: l.longestStreak,
      last: l.lastActiveDate?.toISOString(),
      runStart: l.runStartDate?.toISOString(),
      days: l.activeDays.map((d) => d.day.toISOString()).sort(),
      achievements: l.achievements.map((a) => a.achievement.key).sort(),
    })),
    ledger: ledger.map((r) => `${userOf.get(r.learnerId)}|${r.reason}|${r._sum.points}|${r._count}`).sort(),
    boards: boards.map((b) => `${userOf.get(b.learnerId)}|${b.period}|${b.periodStart.toISOString()}|${b.courseId}|${b.points}`).sort(),
  };
}
