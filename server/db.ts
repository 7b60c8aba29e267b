import fs from "node:fs";
import path from "node:path";
import { PrismaClient, type Prisma } from "@prisma/client";
import { ConfigError, env } from "./env";

/** A Prisma client or an open transaction: services take either, so they run in a request, a job or a test. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** An open database: the Prisma client plus raw SQL for the migrator. */
export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
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
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on("error", () => undefined); // an idle client's lost connection is replaced on next use
  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => undefined);
    const where = safeHost(url);
    throw new ConfigError(`Cannot reach the PostgreSQL database at ${where}: ${(err as Error).message}.`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
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
  let closed = false;
  return {
    kind: "pglite",
    prisma,
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: async () => {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await db.close();
      releaseLock();
    },
  };
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

// The app's one database, shared across hot reloads in development.
const globalForDb = globalThis as unknown as { gamifyDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  globalForDb.gamifyDatabase ??= (async () => {
    const e = env();
    const database = await openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
    if (database.kind === "pglite") closeOnExit(database);
    return database;
  })();
  return globalForDb.gamifyDatabase;
}

export async function getDb(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

// A PGlite folder left without close() can be unrecoverable: close it before the process ends.
function closeOnExit(database: Database) {
  const shutdown = (signal: NodeJS.Signals) => {
    database.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
