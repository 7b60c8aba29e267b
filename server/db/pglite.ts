import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { ConfigError } from "@/server/env";
import { timed } from "@/server/observability/statement-timings";
import { registerDriver } from "./driver";
import type { Database } from "./types";

export async function openPglite(dir: string): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
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
  return registerDriver({
    kind: "pglite",
    prisma,
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await timed(sql, () => db.query<T>(sql, params))).rows,
    // PGlite has one connection: its transaction() queues the others, so transactions never interleave.
    transaction: (work) =>
      db.transaction((tx) =>
        work({ query: async <T>(text: string, params?: unknown[]) => (await timed(text, () => tx.query<T>(text, params))).rows }),
      ),
    close: () =>
      (closing ??= (async () => {
        await prisma.$disconnect();
        await db.close();
        releaseLock();
      })()),
  });
}

/** The embedded database's folder is open in another process (the demo or the server, usually). */
export class DatabaseInUseError extends ConfigError {}

// PGlite corrupts a folder that two processes open; a lock file turns that into a clear sentence.
function takeFolderLock(dir: string): () => void {
  const lockFile = path.join(dir, "..", `${path.basename(dir)}.lock`);
  try {
    const pid = Number(fs.readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseInUseError(
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
