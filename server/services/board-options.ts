import type { Db } from "@/server/db";
import { addDays, addMonths, dayInZone, periodStartOf } from "@/server/lib/calendar";
import { loadConfig } from "./rules";

// What the dashboard offers to pick for a leaderboard: recent weeks and months (in the organisation's zone,
// marked when closed, whose boards then hold their frozen final standings) and the known courses.

export interface BoardPeriodOption {
  /** The local date the week or month starts on: the `at` to ask getLeaderboard for. */
  start: string;
  current: boolean;
  closed: boolean;
}

/** The current week or month and the `count - 1` before it, newest first. */
export async function listRecentPeriods(
  db: Db,
  period: "weekly" | "monthly",
  count: number,
  now = new Date(),
): Promise<BoardPeriodOption[]> {
  const { settings } = await loadConfig(db);
  const current = periodStartOf(period, dayInZone(now, settings.timezone));
  const n = Math.max(1, Math.min(104, Math.floor(count)));
  const starts = Array.from({ length: n }, (_, i) => (period === "weekly" ? addDays(current, -7 * i) : addMonths(current, -i)));
  const closed = await db.periodClose.findMany({
    where: { period, periodStart: { gte: new Date(`${starts[starts.length - 1]}T00:00:00Z`) } },
    select: { periodStart: true },
  });
  const closedStarts = new Set(closed.map((c) => c.periodStart.toISOString().slice(0, 10)));
  return starts.map((start) => ({ start, current: start === current, closed: closedStarts.has(start) }));
}

export interface CourseOption {
  id: string;
  name: string | null;
}

/** Courses as the LMS named them, by id; a search narrows them by id prefix or name. */
export async function listCourses(db: Db, options: { query?: string; limit?: number } = {}): Promise<CourseOption[]> {
  const q = options.query?.trim() ?? "";
  const take = Math.max(1, Math.min(500, options.limit ?? 200));
  return db.course.findMany({
    where: q ? { OR: [{ id: { startsWith: q } }, { name: { contains: q, mode: "insensitive" } }] } : {},
    select: { id: true, name: true },
    orderBy: { id: "asc" },
    take,
  });
}
