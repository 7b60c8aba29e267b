import type { PrismaClient } from "@prisma/client";
import { env } from "@/server/env";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import type { Database, DatabaseOptions } from "./types";

export type { Database, DatabaseOptions, Db, Sql } from "./types";
export { driverIfAny, driverOf, inTransaction, prismaSql, sharedReadsOf, sqlOf } from "./driver";
export { shareIdenticalReads } from "./shared-reads";
export { dbFaultOf, retryTransient } from "./faults";

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.pgliteDir ?? ".data/pglite");
}

// The app's one database, shared across hot reloads in development (and across the two copies of this
// module in the production server).
const globalForDb = globalThis as unknown as { gamifyDatabase?: Promise<Database>; gamifyHostClosesDatabase?: boolean };

export function getDatabase(): Promise<Database> {
  globalForDb.gamifyDatabase ??= (async () => {
    const e = env();
    const database = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
    if (database.kind === "pglite" && !globalForDb.gamifyHostClosesDatabase) closeOnExit(database);
    return database;
  })().catch((err: unknown) => {
    // A database unreachable at the first request is asked again at the next one (which answers 503 meanwhile).
    globalForDb.gamifyDatabase = undefined;
    throw err;
  });
  return globalForDb.gamifyDatabase;
}

/**
 * For a host that shuts down gracefully itself (the production server): it closes the database with
 * closeDatabase() after its last request, instead of the signal handler below closing it at once.
 */
export function hostClosesDatabase(): void {
  globalForDb.gamifyHostClosesDatabase = true;
}

/** Closes the app's database if it was opened. */
export async function closeDatabase(): Promise<void> {
  const opened = await globalForDb.gamifyDatabase?.catch(() => undefined);
  await opened?.close();
}

export async function getDb(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

// A PGlite folder left without close() can be unrecoverable: close it before the process ends.
function closeOnExit(database: Database) {
  let closing = false;
  // Repeated signals while closing are ignored: a second Ctrl+C must not kill PGlite half-closed.
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    database.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
