import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";

/**
 * Everything the engine keeps incrementally must equal what the ledger and the per-learner facts say.
 * Each check counts the rows that disagree; `repair` recomputes what can be recomputed exactly.
 * Weekly and monthly rows are checked by conservation (a learner's weeks add up to their all-time points),
 * since which week an old row fell in depends on the organisation's zone at that time.
 */
const CHECKS = {
  learnerPoints: `
    SELECT count(*)::int AS n FROM learner l
    LEFT JOIN (SELECT learner_id, sum(points)::int AS total,
                      sum(points) FILTER (WHERE reason = 'achievement')::int AS ach
               FROM ledger_entry GROUP BY learner_id) s ON s.learner_id = l.id
    WHERE l.points <> COALESCE(s.total, 0) OR l.achievement_points <> COALESCE(s.ach, 0)`,
  learnerCounts: `
    SELECT count(*)::int AS n FROM learner l
    WHERE l.lessons_completed <> (SELECT count(*) FROM lesson_completion c WHERE c.learner_id = l.id)
       OR l.courses_completed <> (SELECT count(*) FROM learner_course c WHERE c.learner_id = l.id AND c.completed_at IS NOT NULL)
       OR l.perfect_courses <> (SELECT count(*) FROM learner_course c WHERE c.learner_id = l.id AND c.perfect)`,
  allTimeBoards: `
    WITH expected AS (
      SELECT learner_id, '' AS course_id, sum(points)::int AS points FROM ledger_entry GROUP BY learner_id
      UNION ALL
      SELECT learner_id, course_id, sum(points)::int FROM ledger_entry
      WHERE course_id IS NOT NULL AND reason IN ('lesson.completed', 'course.completed') GROUP BY learner_id, course_id
    ), actual AS (
      SELECT learner_id, course_id, points FROM board_score WHERE period = 'all-time'
    )
    SELECT count(*)::int AS n FROM expected e FULL JOIN actual a USING (learner_id, course_id)
    WHERE COALESCE(e.points, 0) <> COALESCE(a.points, 0)`,
  periodBoards: `
    SELECT count(*)::int AS n FROM (
      SELECT b.learner_id, b.course_id, b.period, sum(b.points) AS total
      FROM board_score b WHERE b.period IN ('weekly', 'monthly') GROUP BY b.learner_id, b.course_id, b.period
    ) p LEFT JOIN board_score a ON a.period = 'all-time' AND a.learner_id = p.learner_id AND a.course_id = p.course_id
    WHERE p.total <> COALESCE(a.points, 0)`,
  histograms: `
    WITH expected AS (
      SELECT period, period_start, course_id, points, count(*)::int AS learners FROM board_score WHERE points <> 0
      GROUP BY period, period_start, course_id, points
    ), actual AS (
      SELECT period, period_start, course_id, points, learners FROM board_histogram WHERE learners <> 0
    )
    SELECT count(*)::int AS n FROM expected e FULL JOIN actual a USING (period, period_start, course_id, points)
    WHERE COALESCE(e.learners, 0) <> COALESCE(a.learners, 0)`,
} as const;

export type DriftReport = Record<keyof typeof CHECKS, number>;

export async function findDrift(db: Db): Promise<DriftReport> {
  const report = {} as DriftReport;
  for (const [name, sql] of Object.entries(CHECKS) as [keyof typeof CHECKS, string][]) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(sql);
    report[name] = row?.n ?? 0;
  }
  return report;
}

export const totalDrift = (r: DriftReport) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * Recomputes learner totals, all-time boards and every histogram from the ledger and the facts. Runs in one
 * transaction with the learner table locked against ingestion, so nothing moves while it rebuilds.
 */
export async function repairDrift(db: PrismaClient): Promise<{ before: DriftReport; after: DriftReport }> {
  const before = await findDrift(db);
  if (totalDrift(before) === 0) return { before, after: before };
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`LOCK TABLE learner IN SHARE ROW EXCLUSIVE MODE`);
      await tx.$executeRawUnsafe(`
        UPDATE learner l SET
          points = COALESCE(s.total, 0), achievement_points = COALESCE(s.ach, 0),
          lessons_completed = (SELECT count(*) FROM lesson_completion c WHERE c.learner_id = l.id),
          courses_completed = (SELECT count(*) FROM learner_course c WHERE c.learner_id = l.id AND c.completed_at IS NOT NULL),
          perfect_courses = (SELECT count(*) FROM learner_course c WHERE c.learner_id = l.id AND c.perfect)
        FROM learner l2 LEFT JOIN (
          SELECT learner_id, sum(points)::int AS total, sum(points) FILTER (WHERE reason = 'achievement')::int AS ach
          FROM ledger_entry GROUP BY learner_id) s ON s.learner_id = l2.id
        WHERE l2.id = l.id`);
      await tx.$executeRawUnsafe(`DELETE FROM board_score WHERE period = 'all-time'`);
      await tx.$executeRawUnsafe(`
        INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
        SELECT 'all-time', DATE '1970-01-01', s.course_id, s.learner_id, l.user_id, s.points FROM (
          SELECT learner_id, '' AS course_id, sum(points)::int AS points FROM ledger_entry GROUP BY learner_id
          UNION ALL
          SELECT learner_id, course_id, sum(points)::int FROM ledger_entry
          WHERE course_id IS NOT NULL AND reason IN ('lesson.completed', 'course.completed') GROUP BY learner_id, course_id
        ) s JOIN learner l ON l.id = s.learner_id`);
      await tx.$executeRawUnsafe(`DELETE FROM board_histogram`);
      await tx.$executeRawUnsafe(`
        INSERT INTO board_histogram (period, period_start, course_id, points, learners)
        SELECT period, period_start, course_id, points, count(*)::int FROM board_score WHERE points <> 0
        GROUP BY period, period_start, course_id, points`);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return { before, after: await findDrift(db) };
}
