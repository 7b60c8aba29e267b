import crypto from "node:crypto";
import { Client } from "pg";
import { afterAll } from "vitest";
import { openDatabase, type Database } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export type TestDatabase = Database & { url?: string; drop(): Promise<void> };

/**
 * The setup every database test file shares: its own fresh database (createTestDatabase), dropped after the
 * file's last test. Awaited at the top level of the file, so the tests read a plain `const`:
 * `const database = await setUpTestDatabase();`.
 */
export async function setUpTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  afterAll(() => database.drop());
  return database;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when TEST_DATABASE_URL
 * is set, a new PostgreSQL database created for this file and dropped by `drop()`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ pgliteDir: "memory://" });
    await applyMigrations(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `gamify_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 25 });
  await applyMigrations(database);
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
