import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/server/db";

// Prisma's CLI cannot migrate a real PostgreSQL here (its wasm engine fails there), so the app applies
// prisma/migrations itself, recording each in _prisma_migrations exactly as Prisma does (same columns,
// sha256 checksum), so `prisma migrate status` agrees.

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function migrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export async function applyMigrations(
  database: Database,
  options: { dir?: string; onApply?: (name: string) => void } = {},
): Promise<MigrationResult> {
  const dir = options.dir ?? migrationsDir();
  // Instances starting together (several machines, a deploy) apply each migration once: they queue on an
  // advisory lock, held by a transaction of its own on one connection (a session lock taken through the pool
  // could be released on another connection, and stay held), while the migrations run on others; the first
  // applies them, the next ones find them applied. PGlite has one process and one connection: no lock.
  if (database.kind !== "postgres") return applyPending(database, dir, options.onApply);
  return database.transaction(async (lock) => {
    await lock.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    return applyPending(database, dir, options.onApply);
  });
}

const MIGRATION_LOCK = 7262019;

async function applyPending(database: Database, dir: string, onApply: ((name: string) => void) | undefined): Promise<MigrationResult> {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  await database.exec(MIGRATIONS_TABLE);
  const rows = await database.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const applied: string[] = [];
  for (const name of names) {
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = crypto.createHash("sha256").update(sql).digest("hex");
    if (done.has(name)) {
      if (done.get(name) !== checksum) {
        console.warn(`Migration ${name} was edited after it was applied; it is not applied again.`);
      }
      continue;
    }
    onApply?.(name);
    const id = crypto.randomUUID();
    const escapedName = name.replace(/'/g, "''");
    await database
      .exec(
        `BEGIN;\n${sql}\n;INSERT INTO "_prisma_migrations" ("id","checksum","finished_at","migration_name","started_at","applied_steps_count") ` +
          `VALUES ('${id}','${checksum}',now(),'${escapedName}',now(),1);\nCOMMIT;`,
      )
      .catch(async (err) => {
        await database.exec("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
      });
    applied.push(name);
  }
  return { applied, alreadyApplied: done.size };
}
