// The server the e2e tests run against: a fresh embedded database with one admin, then `next start`
// through server/start.ts. Seeding happens here, before the server starts, because the server then
// holds the PGlite lock (and Playwright starts webServer before globalSetup).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { readEnv } from "@/server/env";
import { openMigratedDatabase } from "@/server/db/prepare";
import { createAdmin } from "@/server/services/admins";
import { createApiKey } from "@/server/services/api-keys";
import { E2E_ADMIN, E2E_API_KEY_FILE, E2E_PGLITE_DIR, E2E_PORT, e2ePostgresUrl } from "./constants";

/**
 * With E2E_DATABASE_URL (a PostgreSQL server), the run's database is a fresh `gamify_e2e_<port>` there instead
 * of PGlite, so the same journeys run on both databases.
 */
async function freshPostgres(serverUrl: string | undefined): Promise<string> {
  const url = e2ePostgresUrl(serverUrl);
  if (!serverUrl || !url) return "";
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return url;
}

async function main() {
  fs.rmSync(path.dirname(E2E_PGLITE_DIR), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(E2E_API_KEY_FILE), { recursive: true });
  const databaseUrl = await freshPostgres(process.env.E2E_DATABASE_URL);
  const settings = readEnv({ ...process.env, PGLITE_DIR: E2E_PGLITE_DIR, DATABASE_URL: databaseUrl });
  const database = await openMigratedDatabase(settings, (line) => console.log(`[e2e] ${line}`));
  try {
    await createAdmin(database.prisma, { ...E2E_ADMIN, name: "E2E admin" });
    fs.writeFileSync(E2E_API_KEY_FILE, (await createApiKey(database.prisma, "e2e-lms")).key);
  } finally {
    await database.close();
  }

  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["server/start.ts", "start", "-p", String(E2E_PORT)], {
    stdio: "inherit",
    env: { ...process.env, PGLITE_DIR: E2E_PGLITE_DIR, DATABASE_URL: databaseUrl },
  });
  // Playwright signals the whole process group; a signal sent to this script alone is passed on.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 1));
}

main().catch((err: unknown) => {
  console.error(`e2e server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
