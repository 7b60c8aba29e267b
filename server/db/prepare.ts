import { openDatabase, type Database } from "@/server/db";
import type { Env } from "@/server/env";
import { applyMigrations } from "@/server/db/migrate";

/**
 * Opens the configured database and applies pending migrations, reporting each one: what the start
 * script, the CLI and the e2e server all do before touching data.
 */
export async function openMigratedDatabase(settings: Env, log: (line: string) => void): Promise<Database> {
  const database = await openDatabase({ url: settings.DATABASE_URL, pgliteDir: settings.PGLITE_DIR });
  try {
    const result = await applyMigrations(database, { onApply: (name) => log(`Applying migration ${name}…`) });
    const where = database.kind === "postgres" ? "PostgreSQL" : `the embedded database (${settings.PGLITE_DIR})`;
    log(
      result.applied.length > 0
        ? `Applied ${plural(result.applied.length, "migration")} to ${where}.`
        : `No pending migrations in ${where} (${plural(result.alreadyApplied, "migration")} already applied).`,
    );
    if (database.kind === "postgres") {
      const [row] = await database.query<{ autovacuum: string }>("SHOW autovacuum");
      if (row?.autovacuum === "off") {
        log(
          "Warning: this PostgreSQL server runs with autovacuum off: nothing analyzes the tables as they grow, and the hot reads can slow down a hundredfold. Turn it on, or run VACUUM ANALYZE daily and after bulk loads (docs/deployment.md).",
        );
      }
    }
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
