import type { PrismaClient, Prisma } from "@prisma/client";

/** A Prisma client or an open transaction: services take either, so they run in a request, a job or a test. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Parameterised SQL on one connection (or inside one transaction), straight to the driver. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** An open database: the Prisma client, plus the driver underneath for the migrator and the hot paths. */
export interface Database extends Sql {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** A READ COMMITTED transaction on the driver: committed if `work` resolves, rolled back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** `query` for a read-only statement that identical reads asked meanwhile may share (shareIdenticalReads). */
  sharedRead: Sql["query"];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
}
