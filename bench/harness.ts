// What the benchmark (run.ts) and the soak (soak.ts) share: a run that always cleans up after itself, a
// fresh database on the given server, the machine's description, and waiting for in-flight work to end.
import os from "node:os";
import { Client } from "pg";
import type { Database } from "@/server/db";
import { sleep } from "./server";

/**
 * Runs `main`, then the clean-ups registered meanwhile, last first (also on failure, SIGINT or SIGTERM),
 * and exits with main's code.
 */
export function runWithCleanups(
  log: (line: string) => void,
  main: (cleanups: { push(name: string, run: () => Promise<void>): void }) => Promise<number>,
): void {
  const steps: { name: string; run: () => Promise<void> }[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of steps.reverse()) {
        try {
          await step.run();
        } catch (err) {
          log(`Clean-up step "${step.name}" failed: ${(err as Error).message}`);
        }
      }
    })());
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${signal}: stopping the server and dropping the benchmark database…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  main({ push: (name, run) => steps.push({ name, run }) })
    .catch((err: unknown) => {
      console.error(`failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    })
    .then(async (code) => {
      await cleanUp();
      process.exit(code);
    });
}

export function describeMachine(): { cores: number; text: string } {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    text: `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}`,
  };
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** `SELECT version()` and shared_buffers of the server. */
  version: string;
  sharedBuffers: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<timestamp>` on the server at `adminUrl`. */
export async function createBenchDatabase(adminUrl: string, prefix: string, now: Date): Promise<BenchDatabase> {
  const name = `${prefix}_${now.toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  let version: string;
  let sharedBuffers: string;
  try {
    version = (await admin.query<{ version: string }>("SELECT version()")).rows[0]!.version;
    sharedBuffers = (await admin.query<{ shared_buffers: string }>("SHOW shared_buffers")).rows[0]!.shared_buffers;
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: url.toString(),
    version,
    sharedBuffers,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Waits until no other session works in the database (in-flight requests of a stopped load finish). */
export async function waitQuiet(database: Database): Promise<void> {
  const deadline = Date.now() + 180_000;
  let quiet = 0;
  while (quiet < 3 && Date.now() < deadline) {
    const [row] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
    );
    quiet = row!.n === 0 ? quiet + 1 : 0;
    await sleep(150);
  }
}
