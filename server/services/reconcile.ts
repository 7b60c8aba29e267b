import type { PrismaClient } from "@prisma/client";
import { driverIfAny, driverOf, prismaSql, type Db, type Sql } from "@/server/db";
import { repairPeriodBoards, type BoardPair } from "./period-board-repair";
import { loadConfig } from "./rules";

// Everything the engine keeps incrementally must equal what the ledger and the per-learner facts say.
// `findDrift` compares them in three statements, each one consistent snapshot (ingestion changes a
// learner's derived rows in the same transaction as their ledger rows, so a check never sees half an
// event), run side by side. `repairDrift` recomputes exactly what disagrees, learner by learner under
// their row locks and histogram bucket by bucket, so it never stops ingestion and costs what the drift
// costs, not what the database weighs.
//
// Weekly and monthly rows are checked by conservation (a learner's weeks, with what arrived after a week
// closed, add up to their all-time points), since which week an old row fell in depends on the
// organisation's zone at that time. A learner whose weeks or months do not add up has them recomputed from
// the ledger, closed periods included (period-board-repair.ts).

// Hash aggregates over the whole ledger and every board: room to stay in memory (the default 4 MB spills).
const CHECK_WORK_MEM = "512MB";

const CHECKS = {
  // Learner totals and all-time boards, from one pass over the ledger.
  ledger: `
    WITH sums AS (
      SELECT learner_id, course_id, GROUPING(course_id) AS whole,
        sum(points)::int AS points,
        sum(points) FILTER (WHERE reason = 'achievement')::int AS ach,
        sum(points) FILTER (WHERE reason IN ('lesson.completed', 'course.completed'))::int AS course_points
      FROM ledger_entry GROUP BY GROUPING SETS ((learner_id), (learner_id, course_id))
    ), expected AS (
      SELECT learner_id, '' AS course_id, points FROM sums WHERE whole = 1
      UNION ALL
      SELECT learner_id, course_id, course_points FROM sums WHERE whole = 0 AND course_id IS NOT NULL AND course_points IS NOT NULL
    ), actual AS (
      SELECT learner_id, course_id, points FROM board_score WHERE period = 'all-time'
    )
    SELECT 'learnerPoints' AS check, l.id AS learner_id, NULL::text AS course_id
    FROM learner l LEFT JOIN sums s ON s.whole = 1 AND s.learner_id = l.id
    WHERE l.points <> COALESCE(s.points, 0) OR l.achievement_points <> COALESCE(s.ach, 0)
    UNION ALL
    SELECT 'allTimeBoards', COALESCE(e.learner_id, a.learner_id), COALESCE(e.course_id, a.course_id)
    FROM expected e FULL JOIN actual a ON a.learner_id = e.learner_id AND a.course_id = e.course_id
    WHERE COALESCE(e.points, 0) <> COALESCE(a.points, 0)`,
  learnerCounts: `
    SELECT 'learnerCounts' AS check, l.id AS learner_id, NULL::text AS course_id
    FROM learner l
    LEFT JOIN (SELECT learner_id, count(*)::int AS n FROM lesson_completion GROUP BY learner_id) c ON c.learner_id = l.id
    LEFT JOIN (
      SELECT learner_id, count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS done, count(*) FILTER (WHERE perfect)::int AS perfect
      FROM learner_course GROUP BY learner_id
    ) p ON p.learner_id = l.id
    WHERE l.lessons_completed <> COALESCE(c.n, 0) OR l.courses_completed <> COALESCE(p.done, 0)
       OR l.perfect_courses <> COALESCE(p.perfect, 0)`,
  // Period conservation and histograms, from one pass over the boards (two groupings of the same rows).
  boards: `
    WITH rows AS (
      SELECT period, period_start, course_id, learner_id, points, false AS late FROM board_score
      UNION ALL
      -- Points that arrived after their week or month closed: all-time, not on the frozen board.
      SELECT period, period_start, course_id, learner_id, points, true FROM board_late_points
    ), grouped AS (
      SELECT GROUPING(learner_id) AS per_bucket, learner_id, period, period_start, course_id, points,
        sum(points) FILTER (WHERE period = 'all-time') AS all_time,
        sum(points) FILTER (WHERE period = 'weekly') AS weekly,
        sum(points) FILTER (WHERE period = 'monthly') AS monthly,
        count(*) FILTER (WHERE NOT late AND points <> 0)::int AS learners
      FROM rows
      GROUP BY GROUPING SETS ((learner_id, course_id), (period, period_start, course_id, points))
    ), actual AS (
      SELECT period, period_start, course_id, points, learners FROM board_histogram WHERE learners <> 0
    )
    SELECT 'periodBoards' AS check, learner_id, course_id, NULL AS period, NULL AS period_start, NULL AS bucket_course, NULL::int AS points
    FROM grouped
    WHERE per_bucket = 0 AND (COALESCE(all_time, 0) <> COALESCE(weekly, 0) OR COALESCE(all_time, 0) <> COALESCE(monthly, 0))
    UNION ALL
    SELECT 'histograms', NULL, NULL, COALESCE(e.period, a.period), COALESCE(e.period_start, a.period_start)::text,
      COALESCE(e.course_id, a.course_id), COALESCE(e.points, a.points)
    FROM (SELECT * FROM grouped WHERE per_bucket = 1 AND learners <> 0) e FULL JOIN actual a
      ON a.period = e.period AND a.period_start = e.period_start AND a.course_id = e.course_id AND a.points = e.points
    WHERE COALESCE(e.learners, 0) <> COALESCE(a.learners, 0)`,
} as const;

export type DriftReport = Record<"learnerPoints" | "learnerCounts" | "allTimeBoards" | "periodBoards" | "histograms", number>;

interface Bucket {
  period: string;
  period_start: string;
  course_id: string;
  points: number;
}

interface DriftDetails {
  report: DriftReport;
  /** Learners whose totals or all-time boards disagree with the ledger. */
  learners: number[];
  /** Boards (a learner's global or course board) whose weeks or months do not add up to all-time. */
  periodBoards: BoardPair[];
  buckets: Bucket[];
}

type DriftRow = { check: keyof DriftReport; learner_id: number | null; course_id: string | null } & Partial<
  Omit<Bucket, "course_id"> & { bucket_course: string }
>;

async function findDriftDetails(db: Db): Promise<DriftDetails> {
  const run = (sql: string) =>
    inTransaction(db, async (tx) => {
      await tx.query(`SET LOCAL work_mem = '${CHECK_WORK_MEM}'`);
      return tx.query<DriftRow>(sql);
    });
  const rows = (await Promise.all(Object.values(CHECKS).map(run))).flat();
  const report: DriftReport = { learnerPoints: 0, learnerCounts: 0, allTimeBoards: 0, periodBoards: 0, histograms: 0 };
  const learners = new Set<number>();
  const buckets: Bucket[] = [];
  const periodBoards: BoardPair[] = [];
  for (const r of rows) {
    report[r.check] += 1;
    if (r.check === "histograms")
      buckets.push({ period: r.period!, period_start: r.period_start!, course_id: r.bucket_course!, points: r.points! });
    else if (r.check === "periodBoards") periodBoards.push({ learner_id: r.learner_id!, course_id: r.course_id! });
    else learners.add(r.learner_id!);
  }
  return { report, learners: [...learners].sort((a, b) => a - b), periodBoards, buckets };
}

/** The drift of each check: how many rows disagree with the ledger (0 everywhere when consistent). */
export async function findDrift(db: Db): Promise<DriftReport> {
  return (await findDriftDetails(db)).report;
}

export const totalDrift = (r: DriftReport) => Object.values(r).reduce((a, b) => a + b, 0);

const LEARNERS_PER_REPAIR = 500;
const BUCKETS_PER_REPAIR = 1000;

/**
 * Recomputes, from the ledger and the facts, the totals and all-time boards of every learner that drifted,
 * and the weekly and monthly boards whose periods do not add up (each learner under their row lock, as
 * ingestion takes it), then recounts every histogram bucket that drifted or that those repairs moved. Returns the drift found, and the drift left after: checked again (another
 * full pass) unless `verify` is false, when it is null.
 */
export async function repairDrift(db: PrismaClient, options: { verify: false }): Promise<{ before: DriftReport; after: null }>;
export async function repairDrift(db: PrismaClient, options?: { verify?: true }): Promise<{ before: DriftReport; after: DriftReport }>;
export async function repairDrift(
  db: PrismaClient,
  options: { verify?: boolean } = {},
): Promise<{ before: DriftReport; after: DriftReport | null }> {
  const verify = options.verify ?? true;
  const found = await findDriftDetails(db);
  if (totalDrift(found.report) === 0) return { before: found.report, after: verify ? found.report : null };
  const database = driverOf(db);
  const orgZone = (await loadConfig(db)).settings.timezone;
  const buckets = new Map(found.buckets.map((b) => [bucketKey(b), b]));
  const learners = [...new Set([...found.learners, ...found.periodBoards.map((p) => p.learner_id)])].sort((a, b) => a - b);
  for (let i = 0; i < learners.length; i += LEARNERS_PER_REPAIR) {
    const chunk = new Set(learners.slice(i, i + LEARNERS_PER_REPAIR));
    const moved = await database.transaction(async (sql) => [
      ...(await repairLearners(sql, [...chunk])),
      ...(await repairPeriodBoards(
        sql,
        found.periodBoards.filter((p) => chunk.has(p.learner_id)),
        orgZone,
      )),
    ]);
    for (const b of moved) buckets.set(bucketKey(b), b);
  }
  const all = [...buckets.values()].sort((a, b) => bucketKey(a).localeCompare(bucketKey(b)));
  for (let i = 0; i < all.length; i += BUCKETS_PER_REPAIR) {
    await database.transaction((sql) => recountBuckets(sql, all.slice(i, i + BUCKETS_PER_REPAIR)));
  }
  return { before: found.report, after: verify ? await findDrift(db) : null };
}

const bucketKey = (b: Bucket) => `${b.period}|${b.period_start}|${b.course_id}|${String(b.points).padStart(12, "0")}`;

/** Learner totals and all-time boards from the ledger; returns the histogram buckets the boards moved out of and into. */
async function repairLearners(sql: Sql, learnerIds: number[]): Promise<Bucket[]> {
  await sql.query(`SELECT id FROM learner WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [learnerIds]);
  await sql.query(
    `UPDATE learner l SET
       points = COALESCE(s.total, 0), achievement_points = COALESCE(s.ach, 0),
       lessons_completed = (SELECT count(*) FROM lesson_completion c WHERE c.learner_id = l.id),
       courses_completed = (SELECT count(*) FROM learner_course c WHERE c.learner_id = l.id AND c.completed_at IS NOT NULL),
       perfect_courses = (SELECT count(*) FROM learner_course c WHERE c.learner_id = l.id AND c.perfect),
       updated_at = now()
     FROM unnest($1::int[]) AS x(id)
     LEFT JOIN (
       SELECT learner_id, sum(points)::int AS total, sum(points) FILTER (WHERE reason = 'achievement')::int AS ach
       FROM ledger_entry WHERE learner_id = ANY($1::int[]) GROUP BY learner_id
     ) s ON s.learner_id = x.id
     WHERE l.id = x.id`,
    [learnerIds],
  );
  return sql.query<Bucket>(
    `WITH expected AS (
       SELECT learner_id, '' AS course_id, sum(points)::int AS points FROM ledger_entry
       WHERE learner_id = ANY($1::int[]) GROUP BY learner_id
       UNION ALL
       SELECT learner_id, course_id, sum(points)::int FROM ledger_entry
       WHERE learner_id = ANY($1::int[]) AND course_id IS NOT NULL AND reason IN ('lesson.completed', 'course.completed')
       GROUP BY learner_id, course_id
     ), actual AS (
       SELECT learner_id, course_id, points FROM board_score WHERE period = 'all-time' AND learner_id = ANY($1::int[])
     ), diff AS (
       SELECT COALESCE(e.learner_id, a.learner_id) AS learner_id, COALESCE(e.course_id, a.course_id) AS course_id,
         COALESCE(a.points, 0) AS old_points, COALESCE(e.points, 0) AS new_points
       FROM expected e FULL JOIN actual a ON a.learner_id = e.learner_id AND a.course_id = e.course_id
       WHERE COALESCE(e.points, 0) <> COALESCE(a.points, 0)
     ), written AS (
       INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
       SELECT 'all-time', DATE '1970-01-01', d.course_id, d.learner_id, l.user_id, d.new_points
       FROM diff d JOIN learner l ON l.id = d.learner_id
       ORDER BY d.course_id, d.learner_id
       ON CONFLICT (period, period_start, course_id, learner_id) DO UPDATE SET points = EXCLUDED.points
     )
     SELECT 'all-time' AS period, '1970-01-01' AS period_start, course_id, p AS points
     FROM diff, LATERAL (VALUES (old_points), (new_points)) v(p) WHERE p <> 0`,
    [learnerIds],
  );
}

/**
 * Sets histogram buckets to the number of board rows holding their score. The buckets are locked first (a
 * missing one created), so a concurrent ingestion that moves a learner in or out either finished before the
 * count (which then sees it) or applies its move after it.
 */
async function recountBuckets(sql: Sql, buckets: Bucket[]): Promise<void> {
  const input = JSON.stringify(buckets);
  const rows = `jsonb_to_recordset($1::jsonb) AS x(period text, period_start date, course_id text, points int)`;
  await sql.query(
    `INSERT INTO board_histogram (period, period_start, course_id, points, learners)
     SELECT x.period, x.period_start, x.course_id, x.points, 0 FROM ${rows}
     ORDER BY 1, 2, 3, 4 ON CONFLICT DO NOTHING`,
    [input],
  );
  await sql.query(
    `SELECT 1 FROM board_histogram h JOIN ${rows}
       ON h.period = x.period AND h.period_start = x.period_start AND h.course_id = x.course_id AND h.points = x.points
     ORDER BY h.period, h.period_start, h.course_id, h.points FOR UPDATE OF h`,
    [input],
  );
  await sql.query(
    `UPDATE board_histogram h SET learners = (
       SELECT count(*) FROM board_score b
       WHERE b.period = h.period AND b.period_start = h.period_start AND b.course_id = h.course_id AND b.points = h.points
     )
     FROM ${rows}
     WHERE h.period = x.period AND h.period_start = x.period_start AND h.course_id = x.course_id AND h.points = x.points`,
    [input],
  );
}

/** A transaction of its own on the driver when the handle is a client (so checks run side by side), else the caller's. */
function inTransaction<T>(db: Db, work: (sql: Sql) => Promise<T>): Promise<T> {
  const driver = driverIfAny(db);
  return driver ? driver.transaction(work) : work(prismaSql(db));
}
