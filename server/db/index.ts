import fs from "node:fs";
import path from "node:path";
import { PrismaClient, type Prisma } from "@prisma/client";
import { ConfigError, env } from "@/server/env";

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
  return { query: <T,>(text: string, params: unknown[] = []) => db.$queryRawUnsafe<T[]>(text, ...params) };
}

/**
 * For board reads, the most repeated (every learner's dashboard shows the same top of the board): SQL
 * for reads that identical reads (same text and parameters) share. A read asked while the same one runs waits
 * for it to end and shares the next execution with every other read asked meanwhile; an execution never
 * serves a read asked after it started, so each answer is as fresh as a query of its own (it sees every
 * write committed before it was asked). Outside a transaction only; the rows are shared: do not mutate them.
 */
export function sharedReadsOf(db: Db): Sql {
  const driver = driverIfAny(db);
  return driver ? { query: driver.sharedRead } : prismaSql(db);
}

/** Wraps a query function so that identical reads share executions, as sharedReadsOf describes. */
export function shareIdenticalReads(query: Sql["query"]): Sql["query"] {
  const reads = new Map<string, { running: Promise<unknown[]>; next: Promise<unknown[]> | null }>();
  const start = (key: string, text: string, params: unknown[] | undefined): Promise<unknown[]> => {
    const entry = { running: query(text, params), next: null };
    reads.set(key, entry);
    const forget = () => {
      if (reads.get(key) === entry) reads.delete(key);
    };
    entry.running.then(forget, forget);
    return entry.running;
  };
  return (<T,>(text: string, params?: unknown[]): Promise<T[]> => {
    const key = `${text}\0${JSON.stringify(params ?? [])}`;
    const entry = reads.get(key);
    if (!entry) return start(key, text, params) as Promise<T[]>;
    const settled = () => undefined;
    return (entry.next ??= entry.running.then(settled, settled).then(() => start(key, text, params))) as Promise<T[]>;
  }) as Sql["query"];
}

function register(parts: Omit<Database, "sharedRead">): Database {
  const database: Database = { ...parts, sharedRead: shareIdenticalReads(parts.query) };
  Object.defineProperty(database.prisma, driverKey, { value: database });
  return database;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.pgliteDir ?? ".data/pglite");
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const [{ Pool }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  // The hot paths' named statements take their rows as JSON or arrays, so every execution would get the
  // same plan: plan them once per connection instead of re-planning them each time (1-2.5 ms apiece here).
  // (Options in the connection string, if any, win over this.)
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, options: "-c plan_cache_mode=force_generic_plan" });
  // A lost connection (database restart, killed backend) must not crash the process: idle clients report on
  // the pool, checked-out ones on themselves; either way the query fails and the client is discarded.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => undefined);
    const where = safeHost(url);
    throw new ConfigError(`Cannot reach the PostgreSQL database at ${where}: ${(err as Error).message}.`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return register({
    kind: "postgres",
    prisma,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async (sql, params) => (await pool.query(prepared(sql, params))).rows,
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work({ query: async (text, params) => (await client.query(prepared(text, params))).rows });
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError; // the connection itself is gone: do not return it to the pool
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      await prisma.$disconnect();
      // A client lost mid-transaction by a crash elsewhere may never come back: do not wait for it forever.
      await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  });
}

// Named statements are parsed and planned once per connection, then reused: the hot path's statements are
// few and fixed, so this saves a parse and plan on every call.
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[] | undefined) {
  if (!values || values.length === 0) return { text };
  let name = statementNames.get(text);
  if (!name) {
    name = `g${statementNames.size}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the configured address";
  }
}

async function openPglite(dir: string): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const inMemory = dir.startsWith("memory://");
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = takeFolderLock(dir);
  }
  let pglite;
  try {
    pglite = inMemory ? new PGlite() : new PGlite(dir);
    await pglite.waitReady;
  } catch (err) {
    releaseLock();
    throw new ConfigError(`Cannot open the embedded database in ${dir}: ${(err as Error).message}.`);
  }
  const db = pglite;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  // One close, however many callers: a second caller waits for it rather than exiting half-closed.
  let closing: Promise<void> | undefined;
  return register({
    kind: "pglite",
    prisma,
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    // PGlite has one connection: its transaction() queues the others, so transactions never interleave.
    transaction: (work) => db.transaction((tx) => work({ query: async <T,>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows })),
    close: () =>
      (closing ??= (async () => {
        await prisma.$disconnect();
        await db.close();
        releaseLock();
      })()),
  });
}

// PGlite corrupts a folder that two processes open; a lock file turns that into a clear sentence.
function takeFolderLock(dir: string): () => void {
  const lockFile = path.join(dir, "..", `${path.basename(dir)}.lock`);
  try {
    const pid = Number(fs.readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new ConfigError(
        `The embedded database in ${dir} is already open in another process (pid ${pid}). ` +
          `Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
      );
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
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
  })();
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
