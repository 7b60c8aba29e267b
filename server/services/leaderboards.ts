import { sharedReadsOf, type Db, type Sql } from "@/server/db";
import { AppError } from "@/server/errors";
import { ALL_TIME_START, dayInZone, periodBounds, periodStartOf, type PeriodKind } from "@/server/lib/calendar";
import { cachedConfig, loadConfig, type EngineConfig } from "./rules";

// Board reads are the API's busiest: each is one statement on the driver (the page or the neighbours, the
// ranked count and the ranks), checked against the rules' version it was computed with, since the
// organisation's zone decides which week and month "now" is. Ranks come from the score histogram
// (board_histogram): 1 + the learners holding more points, summed over distinct scores (a few thousand
// rows at most), never counted learner by learner. A closed week or month is read the same way: its boards
// froze when it closed (periods.ts); only its header comes from the close (the zone and end it closed with).
// Identical reads asked at the same time share one execution that starts after all of them were asked
// (sharedReadsOf): as fresh as a query each, at a fraction of the cost when many ask for the same page.

export interface BoardRef {
  /** null for the global board. */
  courseId: string | null;
  period: PeriodKind;
  /** A calendar day inside the wanted week or month (default: today in the organisation's zone). Ignored for all-time. */
  at?: string;
}

export interface BoardEntry {
  rank: number;
  userId: string;
  displayName: string;
  points: number;
}

export interface BoardPage {
  scope: "global" | "course";
  courseId: string | null;
  period: PeriodKind;
  periodStart: string | null;
  periodEnd: string | null;
  total: number;
  entries: BoardEntry[];
}

export interface Board {
  period: PeriodKind;
  start: string;
  course: string;
  zone: string;
}

/** The board a reference names, in the organisation's zone of `config`. */
export function boardOf(ref: BoardRef, config: EngineConfig, now: Date): Board {
  const zone = config.settings.timezone;
  const start = ref.period === "all-time" ? ALL_TIME_START : periodStartOf(ref.period, ref.at ?? dayInZone(now, zone));
  return { period: ref.period, start, course: ref.courseId ?? "", zone };
}

/** Set when the board's period is closed: its header keeps the zone and end it closed with. */
interface ClosedPeriod {
  timezone: string;
  periodEnd: Date;
}

function headerOf(ref: BoardRef, b: Board, closed: ClosedPeriod | null): Omit<BoardPage, "total" | "entries"> {
  const header = { scope: ref.courseId ? ("course" as const) : ("global" as const), courseId: ref.courseId, period: ref.period };
  if (b.period === "all-time") return { ...header, periodStart: null, periodEnd: null };
  const bounds = periodBounds(b.period, b.start, closed?.timezone ?? b.zone);
  return { ...header, periodStart: bounds.start.toISOString(), periodEnd: (closed?.periodEnd ?? bounds.end).toISOString() };
}

/**
 * Runs a board read with the cached rules, and again with fresh ones if the rules changed meanwhile (the
 * statement reports the version it saw), so a read never uses a stale zone.
 */
async function withBoard<T extends { config_version: number }>(
  db: Db,
  ref: BoardRef,
  now: Date,
  read: (sql: Sql, b: Board) => Promise<T[]>,
): Promise<{ board: Board; rows: T[] }> {
  const sql = sharedReadsOf(db);
  let config = await cachedConfig(db);
  for (;;) {
    const board = boardOf(ref, config, now);
    const rows = await read(sql, board);
    const seen = rows[0]?.config_version;
    if (seen === undefined || seen === config.version) return { board, rows };
    config = await loadConfig(db, seen);
  }
}

type CloseColumns = { close_timezone: string | null; close_end: Date | null };
const closedOf = (row: CloseColumns): ClosedPeriod | null =>
  row.close_timezone === null ? null : { timezone: row.close_timezone, periodEnd: new Date(row.close_end!) };

// The parts every read shares: the rules' version and the period's close, if any ($1 period, $2 start).
const HEAD = `
  (SELECT config_version FROM org_settings WHERE id = 1) AS config_version,
  c.timezone AS close_timezone, c.period_end AS close_end`;
const CLOSE_JOIN = `LEFT JOIN period_close c ON c.period = $1 AND c.period_start = $2::date`;
// One board's scores ($1 period, $2 start, $3 course).
const ON_BOARD = `b.period = $1 AND b.period_start = $2::date AND b.course_id = $3`;
const HISTOGRAM = `h.period = $1 AND h.period_start = $2::date AND h.course_id = $3 AND h.points <> 0`;

interface EntryRow {
  user_id: string;
  display_name: string | null;
  points: number;
  rank: number;
}

const toEntry = (r: EntryRow): BoardEntry => ({
  rank: r.rank,
  userId: r.user_id,
  displayName: r.display_name ?? r.user_id,
  points: r.points,
});

/** A page of a board: top N from an offset, ties by user id. Learners with 0 points are not listed. */
export async function getLeaderboard(db: Db, ref: BoardRef & { limit: number; offset: number }, now = new Date()): Promise<BoardPage> {
  type Row = { config_version: number; total: number; above: number } & CloseColumns & Partial<EntryRow>;
  // The page through the board index; the rank of its first row from the histogram (what is above it),
  // the others by position and ties.
  const { board, rows } = await withBoard(db, ref, now, (sql, b) =>
    sql.query<Row>(
      `WITH page AS (
         SELECT b.user_id, l.display_name, b.points FROM board_score b JOIN learner l ON l.id = b.learner_id
         WHERE ${ON_BOARD} AND b.points <> 0
         ORDER BY b.points DESC, b.user_id LIMIT $4 OFFSET $5
       ), head AS (
         SELECT ${HEAD},
           (SELECT COALESCE(sum(h.learners), 0)::int FROM board_histogram h WHERE ${HISTOGRAM}) AS total,
           (SELECT COALESCE(sum(h.learners), 0)::int FROM board_histogram h WHERE ${HISTOGRAM} AND h.points > (SELECT max(points) FROM page)) AS above
         FROM (SELECT 1) one ${CLOSE_JOIN}
       )
       SELECT head.*, page.user_id, page.display_name, page.points
       FROM head LEFT JOIN page ON true
       ORDER BY page.points DESC, page.user_id`,
      [b.period, b.start, b.course, ref.limit, ref.offset],
    ),
  );
  const head = rows[0]!;
  const entries: BoardEntry[] = [];
  for (const [i, r] of rows.entries()) {
    if (r.user_id === null || r.user_id === undefined) break;
    const prev = entries[i - 1];
    const rank = !prev ? head.above + 1 : prev.points === r.points ? prev.rank : ref.offset + i + 1;
    entries.push(toEntry({ user_id: r.user_id, display_name: r.display_name ?? null, points: r.points!, rank }));
  }
  return { ...headerOf(ref, board, closedOf(head)), total: head.total, entries };
}

/** A learner's own entry and up to `radius` neighbours above and below. Unknown learner: NOT_FOUND. */
export async function getAroundLearner(
  db: Db,
  ref: BoardRef & { userId: string; radius: number },
  now = new Date(),
): Promise<BoardPage & { me: BoardEntry | null }> {
  type Row = { config_version: number; total: number; is_me: boolean } & CloseColumns & Partial<EntryRow>;
  // Neighbours are found by seeking the board index from the learner's (points, user_id) in both
  // directions (each side as two ranges: the same score, then the scores beyond; LATERAL, so the learner's
  // score bounds the index scan instead of filtering a scan from the top), so the cost depends on the
  // radius, not on the depth. Ranks and the total from one ordered pass over the histogram.
  const { board, rows } = await withBoard(db, ref, now, (sql, b) =>
    sql.query<Row>(
      `WITH me AS (
         SELECT l.id AS learner_id, l.user_id, b.points
         FROM learner l LEFT JOIN board_score b ON ${ON_BOARD} AND b.learner_id = l.id AND b.points <> 0
         WHERE l.user_id = $4
       ), above AS (
         SELECT a.* FROM me, LATERAL (
           (SELECT b.user_id, b.learner_id, b.points FROM board_score b
            WHERE ${ON_BOARD} AND b.points = me.points AND b.user_id < me.user_id
            ORDER BY b.user_id DESC LIMIT $5)
           UNION ALL
           (SELECT b.user_id, b.learner_id, b.points FROM board_score b
            WHERE ${ON_BOARD} AND b.points > me.points AND b.points <> 0
            ORDER BY b.points, b.user_id DESC LIMIT $5)
           ORDER BY points, user_id DESC LIMIT $5
         ) a
       ), below AS (
         SELECT z.* FROM me, LATERAL (
           (SELECT b.user_id, b.learner_id, b.points FROM board_score b
            WHERE ${ON_BOARD} AND b.points = me.points AND b.user_id > me.user_id
            ORDER BY b.user_id LIMIT $5)
           UNION ALL
           (SELECT b.user_id, b.learner_id, b.points FROM board_score b
            WHERE ${ON_BOARD} AND b.points < me.points AND b.points <> 0
            ORDER BY b.points DESC, b.user_id LIMIT $5)
           ORDER BY points DESC, user_id LIMIT $5
         ) z
       ), entries AS (
         SELECT user_id, learner_id, points, false AS is_me FROM above
         UNION ALL SELECT user_id, learner_id, points, true FROM me WHERE points IS NOT NULL
         UNION ALL SELECT user_id, learner_id, points, false FROM below
       ), histogram AS (
         SELECT h.points, (sum(h.learners) OVER (ORDER BY h.points DESC) - h.learners)::int AS above,
           (sum(h.learners) OVER ())::int AS total
         FROM board_histogram h WHERE ${HISTOGRAM}
       ), head AS (
         SELECT ${HEAD}, COALESCE((SELECT total FROM histogram LIMIT 1), 0) AS total
         FROM me ${CLOSE_JOIN}
       )
       SELECT head.*, e.user_id, l.display_name, e.points, e.is_me, (hist.above + 1) AS rank
       FROM head
       LEFT JOIN entries e ON true
       LEFT JOIN learner l ON l.id = e.learner_id
       LEFT JOIN histogram hist ON hist.points = e.points
       ORDER BY e.points DESC, e.user_id`,
      [b.period, b.start, b.course, ref.userId, ref.radius],
    ),
  );
  const head = rows[0];
  if (!head) throw new AppError("NOT_FOUND", `No learner with userId ${ref.userId}.`);
  const listed = rows.filter((r) => r.user_id !== null && r.user_id !== undefined);
  const entries = listed.map((r) => toEntry(r as EntryRow));
  const mine = listed.findIndex((r) => r.is_me);
  return {
    ...headerOf(ref, board, closedOf(head)),
    total: head.total,
    entries: mine < 0 ? [] : entries,
    me: mine < 0 ? null : entries[mine]!,
  };
}

/**
 * SQL for the learner ids within the top `threshold` of a week's or month's global board, ties included
 * (competition ranking): those with at least the points of the threshold-th entry, or every ranked learner
 * when there are fewer. The arguments are SQL expressions (parameters or columns of an outer query), so
 * the period close and the achievement backfill award period_rank from this one rule.
 */
export function globalTopLearnersSql(period: string, start: string, threshold: string): string {
  const board = (b: string) => `${b}.period = ${period} AND ${b}.period_start = ${start} AND ${b}.course_id = '' AND ${b}.points <> 0`;
  return `SELECT w.learner_id FROM board_score w
    WHERE ${board("w")} AND w.points >= COALESCE((
      SELECT c.points FROM board_score c WHERE ${board("c")}
      ORDER BY c.points DESC, c.user_id OFFSET GREATEST(${threshold} - 1, 0) LIMIT 1
    ), -2147483648)`;
}

export interface Standing {
  points: number;
  rank: number | null;
}

/** A learner's rank and points on a board; rank null when they have no points there. */
export async function getLearnerStanding(db: Db, learnerId: number, ref: BoardRef, now = new Date()): Promise<Standing> {
  const [standing] = await getLearnerStandings(db, learnerId, [ref], now);
  return standing!;
}

/**
 * A learner's points and rank on several boards at once (rank null where they have no points), in one
 * statement: what learner stats show for all-time, this week and this month.
 */
export async function getLearnerStandings(db: Db, learnerId: number, refs: BoardRef[], now = new Date()): Promise<Standing[]> {
  type Row = { config_version: number; points: number | null; above: number | null };
  const sql = sharedReadsOf(db);
  let config = await cachedConfig(db);
  for (;;) {
    const boards = refs.map((ref) => boardOf(ref, config, now));
    const rows = await sql.query<Row>(
      `SELECT (SELECT config_version FROM org_settings WHERE id = 1) AS config_version, b.points,
         CASE WHEN b.points <> 0 THEN (
           SELECT COALESCE(sum(h.learners), 0)::int FROM board_histogram h
           WHERE h.period = v.period AND h.period_start = v.start AND h.course_id = v.course AND h.points > b.points AND h.points <> 0
         ) END AS above
       FROM unnest($2::text[], $3::date[], $4::text[]) WITH ORDINALITY AS v(period, start, course, i)
       LEFT JOIN board_score b ON b.period = v.period AND b.period_start = v.start AND b.course_id = v.course AND b.learner_id = $1
       ORDER BY v.i`,
      [learnerId, boards.map((b) => b.period), boards.map((b) => b.start), boards.map((b) => b.course)],
    );
    if (rows[0] && rows[0].config_version !== config.version) {
      config = await loadConfig(db, rows[0].config_version);
      continue;
    }
    return rows.map((r) => {
      const points = r.points ?? 0;
      return { points, rank: points === 0 ? null : r.above! + 1 };
    });
  }
}
