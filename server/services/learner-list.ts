import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { LearnerSort, SortDirection } from "@/server/schemas/learner-list";

// The dashboard's learner list: a page at a time by keyset (the sort key and the user id of the row a page
// starts after or before), never OFFSET, so page 2,000 costs what page 1 does. Ties are broken by user id, so
// a cursor names one position and no row is shown twice or skipped between pages. Keys and ids compare in
// the "C" collation (byte order), the same on PostgreSQL and PGlite whatever the database's locale.
// Name order is indexed (learner_name_sort_idx). Points and last activity are not: those columns are
// rewritten by nearly every event, and an index on them would end the HOT updates that keep ingestion fast
// (migration hot_row_room); a page by them is one pass keeping the top rows, which docs/user-guide.md times.

/** Each sort's key as SQL on learner `l`, and how a cursor's key is cast back. */
const SORT_KEYS: Record<LearnerSort, { sql: string; cast: string }> = {
  points: { sql: "l.points", cast: "int" },
  name: { sql: `lower(COALESCE(l.display_name, l.user_id)) COLLATE "C"`, cast: "text" },
  // Never active sorts as the oldest.
  activity: { sql: "COALESCE(l.last_active_date, DATE '1970-01-01')", cast: "date" },
};
const USER_ID = `l.user_id COLLATE "C"`;

export interface LearnerListRequest {
  /** Part of a user id or display name, any case; empty for everyone. */
  query: string;
  sort: LearnerSort;
  direction: SortDirection;
  /** A cursor from a page's `next` (rows after it) or `previous` (rows before it); neither: the first page. */
  after?: string;
  before?: string;
  limit: number;
}

export interface LearnerRow {
  userId: string;
  displayName: string | null;
  points: number;
  lastActiveDate: string | null;
}

export interface LearnerListPage {
  /** Learners matching the search, on every page. */
  total: number;
  learners: LearnerRow[];
  next: string | null;
  previous: string | null;
}

type Row = { user_id: string; display_name: string | null; points: number; last_active_date: string | null; sort_key: string };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const encodeCursor = (row: Row) => Buffer.from(JSON.stringify([row.sort_key, row.user_id])).toString("base64url");

function decodeCursor(cursor: string, field: "after" | "before"): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) return value as [string, string];
  } catch {
    // Falls through to the refusal below.
  }
  const message = "is not a cursor of this list";
  throw new AppError("BAD_REQUEST", `Invalid input: ${field}: ${message}.`, [{ path: [field], message }]);
}

/** The search as a WHERE clause on learner `l`, its parameters numbered from 1. */
function searchFilter(query: string): { where: string; params: string[] } {
  const q = query.trim();
  if (!q) return { where: "true", params: [] };
  return { where: `(l.user_id ILIKE $1 ESCAPE '\\' OR l.display_name ILIKE $1 ESCAPE '\\')`, params: [`%${likeEscape(q)}%`] };
}

/** One page of rows in the list's order, after (or, reading backwards, before) a cursor; `limit + 1` to see past it. */
async function readPage(db: Db, request: LearnerListRequest, take: number): Promise<{ rows: Row[]; backwards: boolean }> {
  const key = SORT_KEYS[request.sort];
  const { where, params } = searchFilter(request.query);
  const backwards = !request.after && Boolean(request.before);
  // Reading backwards walks the order reversed, then the rows are turned round.
  const ascending = (request.direction === "asc") !== backwards;
  const values: unknown[] = [...params];
  let seek = "";
  const cursor = request.after ?? request.before;
  if (cursor) {
    const [k, id] = decodeCursor(cursor, request.after ? "after" : "before");
    values.push(k, id);
    const [kp, ip] = [values.length - 1, values.length];
    seek = `AND (${key.sql}, ${USER_ID}) ${ascending ? ">" : "<"} ($${kp}::${key.cast}, $${ip}::text COLLATE "C")`;
  }
  values.push(take);
  const order = ascending ? "ASC" : "DESC";
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT l.user_id, l.display_name, l.points, l.last_active_date::text AS last_active_date, (${key.sql})::text AS sort_key
     FROM learner l WHERE ${where} ${seek}
     ORDER BY ${key.sql} ${order}, ${USER_ID} ${order} LIMIT $${values.length}`,
    ...values,
  );
  return { rows, backwards };
}

/** How many learners match the search. */
export async function countLearners(db: Db, query: string): Promise<number> {
  const { where, params } = searchFilter(query);
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM learner l WHERE ${where}`, ...params);
  return row!.n;
}

const toLearner = (r: Row): LearnerRow => ({
  userId: r.user_id,
  displayName: r.display_name,
  points: r.points,
  lastActiveDate: r.last_active_date,
});

/** A page of learners without the count: what the list and its CSV export read. */
export async function readLearnerPage(db: Db, request: LearnerListRequest): Promise<Omit<LearnerListPage, "total">> {
  const { rows, backwards } = await readPage(db, request, request.limit + 1);
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const started = Boolean(request.after ?? request.before);
  return {
    learners: page.map(toLearner),
    next: last && (backwards || more) ? encodeCursor(last) : null,
    previous: first && (backwards ? more : started) ? encodeCursor(first) : null,
  };
}

export async function listLearners(db: Db, request: LearnerListRequest): Promise<LearnerListPage> {
  const [total, page] = await Promise.all([countLearners(db, request.query), readLearnerPage(db, request)]);
  return { total, ...page };
}
