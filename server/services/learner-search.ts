import type { Db } from "@/server/db";

export interface LearnerHit {
  userId: string;
  displayName: string | null;
  points: number;
  lastActiveDate: string | null;
}

export const MAX_SEARCH_RESULTS = 50;

/** Escapes LIKE's wildcards so a search for "a_b" finds "a_b", not "axb". */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Learners for the dashboard's search: the exact LMS user id first, then user ids starting with the text,
 * then display names containing it (any case). Each part is limited, so a search reads at most a few
 * pages of the user-id index and stops a name scan at the first `limit` matches. Without text: the
 * learners seen most recently for the first time (newest ids).
 */
export async function searchLearners(db: Db, query: string, limit = 20): Promise<LearnerHit[]> {
  const take = Math.max(1, Math.min(MAX_SEARCH_RESULTS, Math.floor(limit)));
  const q = query.trim().slice(0, 128);
  type Row = { user_id: string; display_name: string | null; points: number; last_active_date: string | null };
  let rows: Row[];
  if (!q) {
    rows = await db.$queryRaw<Row[]>`
      SELECT user_id, display_name, points, last_active_date::text FROM learner ORDER BY id DESC LIMIT ${take}`;
  } else {
    const prefix = `${likeEscape(q)}%`;
    const contains = `%${likeEscape(q)}%`;
    rows = await db.$queryRaw<Row[]>`
      SELECT user_id, display_name, points, last_active_date, min(part) AS part FROM (
        (SELECT user_id, display_name, points, last_active_date::text, 0 AS part FROM learner WHERE user_id = ${q})
        UNION ALL
        (SELECT user_id, display_name, points, last_active_date::text, 1 FROM learner
         WHERE user_id LIKE ${prefix} ESCAPE '\\' ORDER BY user_id LIMIT ${take})
        UNION ALL
        (SELECT user_id, display_name, points, last_active_date::text, 2 FROM learner
         WHERE display_name ILIKE ${contains} ESCAPE '\\' ORDER BY display_name, user_id LIMIT ${take})
      ) hits
      GROUP BY user_id, display_name, points, last_active_date
      ORDER BY part, user_id
      LIMIT ${take}`;
  }
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, points: r.points, lastActiveDate: r.last_active_date }));
}
