import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { ALL_TIME_START, dayInZone, periodBounds, periodStartOf, type PeriodKind } from "./calendar";
import { loadConfig } from "./rules";

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

interface ResolvedBoard {
  period: PeriodKind;
  start: string;
  course: string;
  /** Set when the period is closed: it is then read from its frozen snapshot. */
  closeId: number | null;
  header: Omit<BoardPage, "total" | "entries">;
}

async function resolveBoard(db: Db, ref: BoardRef, now: Date): Promise<ResolvedBoard> {
  const { settings } = await loadConfig(db);
  const course = ref.courseId ?? "";
  const header = { scope: ref.courseId ? ("course" as const) : ("global" as const), courseId: ref.courseId, period: ref.period };
  if (ref.period === "all-time") {
    return { period: ref.period, start: ALL_TIME_START, course, closeId: null, header: { ...header, periodStart: null, periodEnd: null } };
  }
  const day = ref.at ?? dayInZone(now, settings.timezone);
  const start = periodStartOf(ref.period, day);
  const bounds = periodBounds(ref.period, start, settings.timezone);
  const closed = await db.periodClose.findUnique({
    where: { period_periodStart: { period: ref.period, periodStart: new Date(`${start}T00:00:00Z`) } },
    select: { id: true, timezone: true, periodEnd: true },
  });
  const periodStartInstant = closed ? periodBounds(ref.period, start, closed.timezone).start : bounds.start;
  return {
    period: ref.period,
    start,
    course,
    closeId: closed?.id ?? null,
    header: {
      ...header,
      periodStart: periodStartInstant.toISOString(),
      periodEnd: (closed?.periodEnd ?? bounds.end).toISOString(),
    },
  };
}

interface Row {
  user_id: string;
  display_name: string | null;
  points: number;
  rank?: number;
}

const toEntry = (r: Row, rank: number): BoardEntry => ({
  rank,
  userId: r.user_id,
  displayName: r.display_name ?? r.user_id,
  points: r.points,
});

/**
 * Competition ranks (1, 2, 2, 4) for a set of scores, from the score histogram: 1 + the learners with
 * more points, summed over distinct scores rather than counted learner by learner.
 */
async function ranksOf(db: Db, b: ResolvedBoard, scores: number[]): Promise<Map<number, number>> {
  const distinct = [...new Set(scores)];
  if (distinct.length === 0) return new Map();
  const rows = await db.$queryRaw<{ points: number; above: number }[]>`
    SELECT s.points, COALESCE((
      SELECT sum(h.learners) FROM board_histogram h
      WHERE h.period = ${b.period} AND h.period_start = ${b.start}::date AND h.course_id = ${b.course}
        AND h.points > s.points AND h.points <> 0
    ), 0)::int AS above
    FROM jsonb_array_elements_text(${JSON.stringify(distinct)}::jsonb) AS v(txt), LATERAL (SELECT v.txt::int AS points) s`;
  return new Map(rows.map((r) => [r.points, r.above + 1]));
}

/** Ranks of consecutive rows in board order, given the rank of the first. */
function rankRun(rows: Row[], firstRank: number, firstPosition: number): BoardEntry[] {
  const out: BoardEntry[] = [];
  rows.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = i === 0 ? firstRank : prev && rows[i - 1]!.points === r.points ? prev.rank : firstPosition + i + 1;
    out.push(toEntry(r, rank));
  });
  return out;
}

async function countRanked(db: Db, b: ResolvedBoard): Promise<number> {
  if (b.closeId !== null) {
    return db.leaderboardSnapshotEntry.count({ where: { closeId: b.closeId, courseId: b.course } });
  }
  const [row] = await db.$queryRaw<{ total: number }[]>`
    SELECT COALESCE(sum(learners), 0)::int AS total FROM board_histogram
    WHERE period = ${b.period} AND period_start = ${b.start}::date AND course_id = ${b.course} AND points <> 0`;
  return row?.total ?? 0;
}

/** A page of a board: top N from an offset, ties by user id. Learners with 0 points are not listed. */
export async function getLeaderboard(
  db: Db,
  ref: BoardRef & { limit: number; offset: number },
  now = new Date(),
): Promise<BoardPage> {
  const b = await resolveBoard(db, ref, now);
  const total = await countRanked(db, b);
  if (b.closeId !== null) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT s.user_id, l.display_name, s.points, s.rank
      FROM leaderboard_snapshot_entry s JOIN learner l ON l.id = s.learner_id
      WHERE s.close_id = ${b.closeId} AND s.course_id = ${b.course}
      ORDER BY s.rank, s.user_id LIMIT ${ref.limit} OFFSET ${ref.offset}`;
    return { ...b.header, total, entries: rows.map((r) => toEntry(r, r.rank!)) };
  }
  const rows = await db.$queryRaw<Row[]>`
    SELECT b.user_id, l.display_name, b.points
    FROM board_score b JOIN learner l ON l.id = b.learner_id
    WHERE b.period = ${b.period} AND b.period_start = ${b.start}::date AND b.course_id = ${b.course} AND b.points <> 0
    ORDER BY b.points DESC, b.user_id LIMIT ${ref.limit} OFFSET ${ref.offset}`;
  if (rows.length === 0) return { ...b.header, total, entries: [] };
  const ranks = await ranksOf(db, b, [rows[0]!.points]);
  return { ...b.header, total, entries: rankRun(rows, ranks.get(rows[0]!.points)!, ref.offset) };
}

async function learnerIdOf(db: Db, userId: string): Promise<number> {
  const learner = await db.learner.findUnique({ where: { userId }, select: { id: true } });
  if (!learner) throw new AppError("NOT_FOUND", `No learner with userId ${userId}.`);
  return learner.id;
}

/** A learner's own entry and up to `radius` neighbours above and below. Unknown learner: NOT_FOUND. */
export async function getAroundLearner(
  db: Db,
  ref: BoardRef & { userId: string; radius: number },
  now = new Date(),
): Promise<BoardPage & { me: BoardEntry | null }> {
  const learnerId = await learnerIdOf(db, ref.userId);
  const b = await resolveBoard(db, ref, now);
  const total = await countRanked(db, b);
  if (b.closeId !== null) {
    const [me] = await db.$queryRaw<Row[]>`
      SELECT s.user_id, l.display_name, s.points, s.rank FROM leaderboard_snapshot_entry s JOIN learner l ON l.id = s.learner_id
      WHERE s.close_id = ${b.closeId} AND s.course_id = ${b.course} AND s.learner_id = ${learnerId}`;
    if (!me) return { ...b.header, total, entries: [], me: null };
    const above = await db.$queryRaw<Row[]>`
      SELECT s.user_id, l.display_name, s.points, s.rank FROM leaderboard_snapshot_entry s JOIN learner l ON l.id = s.learner_id
      WHERE s.close_id = ${b.closeId} AND s.course_id = ${b.course} AND (s.rank, s.user_id) < (${me.rank}, ${me.user_id})
      ORDER BY s.rank DESC, s.user_id DESC LIMIT ${ref.radius}`;
    const below = await db.$queryRaw<Row[]>`
      SELECT s.user_id, l.display_name, s.points, s.rank FROM leaderboard_snapshot_entry s JOIN learner l ON l.id = s.learner_id
      WHERE s.close_id = ${b.closeId} AND s.course_id = ${b.course} AND (s.rank, s.user_id) > (${me.rank}, ${me.user_id})
      ORDER BY s.rank, s.user_id LIMIT ${ref.radius}`;
    const entries = [...above.reverse(), me, ...below].map((r) => toEntry(r, r.rank!));
    return { ...b.header, total, entries, me: toEntry(me, me.rank!) };
  }
  const [me] = await db.$queryRaw<Row[]>`
    SELECT b.user_id, l.display_name, b.points FROM board_score b JOIN learner l ON l.id = b.learner_id
    WHERE b.period = ${b.period} AND b.period_start = ${b.start}::date AND b.course_id = ${b.course}
      AND b.learner_id = ${learnerId} AND b.points <> 0`;
  if (!me) return { ...b.header, total, entries: [], me: null };
  // Seeks on (points, user_id) through the board index: cost depends on the radius, not the depth.
  const above = await db.$queryRaw<Row[]>`
    SELECT b.user_id, l.display_name, b.points FROM board_score b JOIN learner l ON l.id = b.learner_id
    WHERE b.period = ${b.period} AND b.period_start = ${b.start}::date AND b.course_id = ${b.course} AND b.points <> 0
      AND (b.points > ${me.points} OR (b.points = ${me.points} AND b.user_id < ${me.user_id}))
    ORDER BY b.points, b.user_id DESC LIMIT ${ref.radius}`;
  const below = await db.$queryRaw<Row[]>`
    SELECT b.user_id, l.display_name, b.points FROM board_score b JOIN learner l ON l.id = b.learner_id
    WHERE b.period = ${b.period} AND b.period_start = ${b.start}::date AND b.course_id = ${b.course} AND b.points <> 0
      AND (b.points < ${me.points} OR (b.points = ${me.points} AND b.user_id > ${me.user_id}))
    ORDER BY b.points DESC, b.user_id LIMIT ${ref.radius}`;
  const rows = [...above.reverse(), me, ...below];
  const ranks = await ranksOf(db, b, rows.map((r) => r.points));
  const entries = rows.map((r) => toEntry(r, ranks.get(r.points)!));
  return { ...b.header, total, entries, me: entries[above.length]! };
}

/** A learner's rank and points on a board; rank null when they have no points there. */
export async function getLearnerStanding(
  db: Db,
  learnerId: number,
  ref: BoardRef,
  now = new Date(),
): Promise<{ points: number; rank: number | null }> {
  const b = await resolveBoard(db, ref, now);
  if (b.closeId !== null) {
    const entry = await db.leaderboardSnapshotEntry.findUnique({
      where: { closeId_courseId_learnerId: { closeId: b.closeId, courseId: b.course, learnerId } },
    });
    return { points: entry?.points ?? 0, rank: entry?.rank ?? null };
  }
  const [row] = await db.$queryRaw<{ points: number }[]>`
    SELECT points FROM board_score
    WHERE period = ${b.period} AND period_start = ${b.start}::date AND course_id = ${b.course} AND learner_id = ${learnerId}`;
  const points = row?.points ?? 0;
  if (points === 0) return { points: 0, rank: null };
  const ranks = await ranksOf(db, b, [points]);
  return { points, rank: ranks.get(points)! };
}
