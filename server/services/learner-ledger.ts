import type { Db } from "@/server/db";
import { loadTitles, type Titles } from "./catalog-titles";
import { findLearner } from "./learner-profile";

export interface LedgerLine {
  id: string;
  points: number;
  /** lesson.completed | course.completed | user.login | streak.day | achievement | adjustment */
  reason: string;
  /** A sentence a learner or admin reads, with titles (ids when none is known): "Lesson “Mean” completed in “Statistics”". */
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
  const [achievements, admins, titles] = await Promise.all([
    achievementIds.length ? db.achievement.findMany({ where: { id: { in: achievementIds } } }) : [],
    adminIds.length ? db.adminUser.findMany({ where: { id: { in: adminIds } }, select: { id: true, email: true } }) : [],
    loadTitles(db, rows),
  ]);
  const achievementById = new Map(achievements.map((a) => [a.id, a]));
  const adminById = new Map(admins.map((a) => [a.id, a.email]));
  const lines = rows.slice(0, page.limit).map((r): LedgerLine => {
    const achievement = r.achievementId !== null ? achievementById.get(r.achievementId) : undefined;
    return {
      id: r.id.toString(),
      points: r.points,
      reason: r.reason,
      label: ledgerLabel(r, achievement?.name, titles),
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
  titles: Titles,
): string {
  switch (r.reason) {
    case "lesson.completed":
      return `Lesson “${titles.lesson(r.courseId!, r.lessonId!)}” completed in “${titles.course(r.courseId!)}”`;
    case "course.completed":
      return `Course “${titles.course(r.courseId!)}” completed`;
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
