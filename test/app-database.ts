import { getDatabase, type Database } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { createTestDatabase } from "@/test/database";

/**
 * Points the app's own database handle (`getDatabase()`, what the Inngest functions use) at a fresh, migrated
 * test database: a new PostgreSQL database when TEST_DATABASE_URL is set, else in-memory PGlite. `close()`
 * closes the handle and drops the PostgreSQL database.
 */
export async function openAppTestDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  if (process.env.TEST_DATABASE_URL) {
    testDb = await createTestDatabase();
    process.env.DATABASE_URL = testDb.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = "memory://";
  }
  const db = await getDatabase();
  await applyMigrations(db);
  return {
    db,
    close: async () => {
      await db.close();
      await testDb?.drop();
    },
  };
}
