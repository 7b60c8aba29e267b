import type { PrismaClient } from "@prisma/client";
import { shareIdenticalReads } from "./shared-reads";
import type { Database, Db, Sql } from "./types";

// Hot paths go to the driver directly: through Prisma each statement costs ~1 ms more (measured:
// 1.2-1.4 ms per `$queryRaw` against 0.2 ms per driver query, on both PGlite and PostgreSQL).
// The registry is global: the production server's own code and Next's bundle of the app are two copies
// of this module in one process, sharing one database (server/production-server.ts).
const driverKey = Symbol.for("gamify.driver");

/** The driver behind a Prisma client opened by openDatabase. */
export function driverOf(prisma: PrismaClient): Database {
  const database = (prisma as unknown as Record<symbol, Database | undefined>)[driverKey];
  if (!database) throw new Error("This Prisma client was not opened by openDatabase().");
  return database;
}

/** The driver under a Prisma client opened by openDatabase; null for a Prisma transaction. */
export function driverIfAny(db: Db): Database | null {
  return (db as unknown as Record<symbol, Database | undefined>)[driverKey] ?? null;
}

/** The fastest SQL for a Prisma client or transaction: the driver under a client, Prisma inside a transaction. */
export function sqlOf(db: Db): Sql {
  return driverIfAny(db) ?? prismaSql(db);
}

/** Raw SQL through a Prisma client or transaction, for code shared by the hot path and ordinary services. */
export function prismaSql(db: Db): Sql {
  return { query: <T>(text: string, params: unknown[] = []) => db.$queryRawUnsafe<T[]>(text, ...params) };
}

/**
 * For board reads, the most repeated (every learner's dashboard shows the same top of the board): SQL
 * for reads that identical reads share, as shareIdenticalReads describes. Outside a transaction only; the
 * rows are shared: do not mutate them.
 */
export function sharedReadsOf(db: Db): Sql {
  const driver = driverIfAny(db);
  return driver ? { query: driver.sharedRead } : prismaSql(db);
}

/** Ties an opened driver to its Prisma client, so driverOf and sqlOf find it from the client alone. */
export function registerDriver(parts: Omit<Database, "sharedRead">): Database {
  const database: Database = { ...parts, sharedRead: shareIdenticalReads(parts.query) };
  Object.defineProperty(database.prisma, driverKey, { value: database });
  return database;
}

/** Runs `work` in a Prisma transaction: a new one on a client, the caller's own when `db` already is one. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return "$transaction" in db ? (db as PrismaClient).$transaction((tx) => work(tx)) : work(db);
}
