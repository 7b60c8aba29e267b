import type { PrismaClient } from "@prisma/client";
import { driverOf, type Sql } from "@/server/db";
import { poolCounts } from "@/server/observability/metrics";
import { oneLine, slowestStatements } from "@/server/observability/statement-timings";

// What the System page shows about the database: its slowest statements, the hot tables' sizes, dead rows and
// last vacuum and analyze, autovacuum, and the connections in use. On PostgreSQL from its statistics views
// (pg_stat_statements when the extension is installed); on PGlite what applies: sizes and this process's own
// statement timings (it has one connection, no autovacuum and keeps no row statistics).

/** The tables every event, board read or delivery touches: where bloat and size matter first. */
export const HOT_TABLES = [
  "event",
  "ledger_entry",
  "learner",
  "active_day",
  "lesson_completion",
  "learner_course",
  "board_score",
  "board_histogram",
  "learner_achievement",
  "webhook_delivery",
  "xapi_statement",
  "job_run",
] as const;

const SLOWEST = 10;

export interface StatementRow {
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  maxMs: number | null;
}

export async function getDatabaseInsight(db: PrismaClient) {
  const database = driverOf(db);
  const postgres = database.kind === "postgres";
  const [statements, tables, autovacuum, connections] = await Promise.all([
    postgres ? statementStatistics(database) : null,
    tableStatistics(database),
    database.query<{ autovacuum: string }>("SHOW autovacuum"),
    postgres ? connectionsByState(database) : [{ state: "active", count: 1 }],
  ]);
  return {
    kind: database.kind,
    statements: statements ?? { source: "service" as const, rows: slowestStatements(SLOWEST) },
    tables: tables.map((t) => (postgres ? t : { ...t, liveRows: null, deadRows: null, deadRatio: null })),
    // PGlite reports "on" but runs no autovacuum worker: nothing vacuums it in the background.
    autovacuum: postgres ? autovacuum[0]!.autovacuum === "on" : null,
    connections,
    pool: poolCounts(),
  };
}

/** Top statements of this database by total time, when pg_stat_statements is installed; else null. */
async function statementStatistics(sql: Sql): Promise<{ source: "pg_stat_statements"; rows: StatementRow[] } | null> {
  const [installed] = await sql.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS ok`,
  );
  if (!installed!.ok) return null;
  try {
    const rows = await sql.query<{ query: string; calls: string; total: number; mean: number; max: number }>(
      `SELECT query, calls::text AS calls, total_exec_time AS total, mean_exec_time AS mean, max_exec_time AS max
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total_exec_time DESC LIMIT $1`,
      [SLOWEST],
    );
    return {
      source: "pg_stat_statements",
      rows: rows.map((r) => ({ statement: oneLine(r.query), calls: Number(r.calls), totalMs: r.total, meanMs: r.mean, maxMs: r.max })),
    };
  } catch {
    // Installed with CREATE EXTENSION but not loaded (shared_preload_libraries): the view refuses to be read.
    return null;
  }
}

async function tableStatistics(sql: Sql) {
  const rows = await sql.query<{
    table: string;
    table_bytes: string;
    index_bytes: string;
    live: string;
    dead: string;
    last_vacuum: Date | null;
    last_analyze: Date | null;
  }>(
    `SELECT relname AS table, pg_table_size(relid)::text AS table_bytes, pg_indexes_size(relid)::text AS index_bytes,
       n_live_tup::text AS live, n_dead_tup::text AS dead,
       GREATEST(last_vacuum, last_autovacuum) AS last_vacuum, GREATEST(last_analyze, last_autoanalyze) AS last_analyze
     FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY($1::text[])
     ORDER BY pg_total_relation_size(relid) DESC`,
    [[...HOT_TABLES]],
  );
  return rows.map((r) => {
    const live = Number(r.live);
    const dead = Number(r.dead);
    return {
      table: r.table,
      tableBytes: Number(r.table_bytes),
      indexBytes: Number(r.index_bytes),
      liveRows: live as number | null,
      deadRows: dead as number | null,
      deadRatio: (live + dead > 0 ? dead / (live + dead) : 0) as number | null,
      lastVacuum: r.last_vacuum,
      lastAnalyze: r.last_analyze,
    };
  });
}

async function connectionsByState(sql: Sql) {
  const rows = await sql.query<{ state: string | null; count: number }>(
    `SELECT COALESCE(state, 'background') AS state, count(*)::int AS count FROM pg_stat_activity
     WHERE datname = current_database() GROUP BY 1 ORDER BY 2 DESC`,
  );
  return rows.map((r) => ({ state: r.state ?? "background", count: r.count }));
}
