import type { Db } from "@/server/db";
import { csvFileName } from "@/server/lib/csv";
import { csvStream, type CsvExport } from "./csv-stream";
import { boardOf, type Board, type BoardRef } from "./leaderboards";
import { cachedConfig } from "./rules";

// A whole board as CSV, any period (a closed week or month is its frozen final standings) and any course, read
// from the top by keyset on the board index (points, then user id, as the board orders ties), a page per pull
// of the stream. Ranks are counted as the rows pass (competition ranking: 1, 2, 2, 4), which is what the
// board's histogram gives, since every row above has been read. A live board that changes during the export
// is read as each page finds it; a closed period never changes.

/** Rows read per query: large enough that round trips do not dominate, small enough to hold. */
export const BOARD_EXPORT_PAGE = 5000;

const ON_BOARD = `b.period = $1 AND b.period_start = $2::date AND b.course_id = $3 AND b.points <> 0`;

type Row = { user_id: string; display_name: string | null; points: number };

/** The board a reference names today (its week or month in the organisation's zone). */
export async function resolveBoard(db: Db, ref: BoardRef, now = new Date()): Promise<Board> {
  return boardOf(ref, await cachedConfig(db), now);
}

/** The next rows of a board after (points, userId), or from the top; each range reads the board index in order. */
async function readBoardRows(db: Db, b: Board, after: Row | null, limit: number): Promise<Row[]> {
  const select = `SELECT b.user_id, l.display_name, b.points FROM board_score b JOIN learner l ON l.id = b.learner_id WHERE ${ON_BOARD}`;
  if (!after) return db.$queryRawUnsafe<Row[]>(`${select} ORDER BY b.points DESC, b.user_id LIMIT $4`, b.period, b.start, b.course, limit);
  // Two ranges (the same score after this id, then lower scores), so ties never make a page rescan a score.
  return db.$queryRawUnsafe<Row[]>(
    `(${select} AND b.points = $5 AND b.user_id > $6 ORDER BY b.user_id LIMIT $4)
     UNION ALL
     (${select} AND b.points < $5 ORDER BY b.points DESC, b.user_id LIMIT $4)
     ORDER BY points DESC, user_id LIMIT $4`,
    b.period,
    b.start,
    b.course,
    limit,
    after.points,
    after.user_id,
  );
}

async function countRanked(db: Db, b: Board): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT COALESCE(sum(h.learners), 0)::int AS n FROM board_histogram h
     WHERE h.period = $1 AND h.period_start = $2::date AND h.course_id = $3 AND h.points <> 0`,
    b.period,
    b.start,
    b.course,
  );
  return row!.n;
}

export async function exportBoardCsv(db: Db, ref: BoardRef, now = new Date(), pageSize = BOARD_EXPORT_PAGE): Promise<CsvExport> {
  const board = await resolveBoard(db, ref, now);
  const total = await countRanked(db, board);
  let last: Row | null = null;
  let position = 0;
  let rank = 0;
  const stream = csvStream(["rank", "user_id", "display_name", "points"], async () => {
    const rows = await readBoardRows(db, board, last, pageSize);
    const out = rows.map((r) => {
      position++;
      if (r.points !== last?.points) rank = position;
      last = r;
      return [rank, r.user_id, r.display_name, r.points];
    });
    return out;
  });
  const period = ref.period === "all-time" ? [ref.period] : [ref.period, board.start];
  return { fileName: csvFileName(["board", ref.courseId ? `course-${ref.courseId}` : "global", ...period]), total, stream };
}
