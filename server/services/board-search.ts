import type { Db } from "@/server/db";
import type { BoardEntry, BoardRef } from "./leaderboards";
import { resolveBoard } from "./board-export";

// "Find a learner" on the dashboard's board by part of a name or user id (any case): the learners on that
// board who match, best first, each with the rank the board gives them (1 + the learners above, from the
// score histogram, as every board read counts it).

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchBoard(db: Db, ref: BoardRef, text: string, limit: number, now = new Date()): Promise<BoardEntry[]> {
  const b = await resolveBoard(db, ref, now);
  type Row = { user_id: string; display_name: string | null; points: number; rank: number };
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT b.user_id, l.display_name, b.points,
       (1 + COALESCE((SELECT sum(h.learners) FROM board_histogram h
         WHERE h.period = $1 AND h.period_start = $2::date AND h.course_id = $3 AND h.points > b.points), 0))::int AS rank
     FROM board_score b JOIN learner l ON l.id = b.learner_id
     WHERE b.period = $1 AND b.period_start = $2::date AND b.course_id = $3 AND b.points <> 0
       AND (l.display_name ILIKE $4 ESCAPE '\\' OR b.user_id ILIKE $4 ESCAPE '\\')
     ORDER BY b.points DESC, b.user_id LIMIT $5`,
    b.period,
    b.start,
    b.course,
    `%${likeEscape(text.trim())}%`,
    limit,
  );
  return rows.map((r) => ({ rank: r.rank, userId: r.user_id, displayName: r.display_name ?? r.user_id, points: r.points }));
}
