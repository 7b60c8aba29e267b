import { sqlOf, type Db } from "@/server/db";
import { env } from "@/server/env";

// Storage limitation (DOMAIN.md Revision 2 "Privacy"): raw xAPI statements are kept XAPI_RETENTION_DAYS and then
// purged by the daily xapi-retention job. The events they became stay (they hold no raw statement), so no point,
// board or streak moves.

/** Deletes the raw xAPI statements received more than `days` days before `now`; answers how many and the cutoff. */
export async function purgeOldStatements(
  db: Db,
  now = new Date(),
  days = env().XAPI_RETENTION_DAYS,
): Promise<{ purged: number; before: string; retentionDays: number }> {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await sqlOf(db).query<{ n: number }>(
    `WITH gone AS (DELETE FROM xapi_statement WHERE received_at < $1::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [before],
  );
  return { purged: rows[0]!.n, before, retentionDays: days };
}
