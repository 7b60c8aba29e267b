import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import type { Env } from "@/server/env";

// `npm start` on every core: WEB_CONCURRENCY workers (default: one per core), each a whole production server
// (server/production-server.ts) with its own connection pool, sharing one port through Node's cluster module
// (the primary accepts connections and hands them round-robin to the workers). The primary serves nothing: it
// has migrated the database before forking (server/start.ts), replaces a worker that dies, and on SIGTERM or
// SIGINT passes the signal to every worker, which finishes its requests in flight and closes its pool, then
// exits once they all have. Everything the workers share lives in PostgreSQL (docs/deployment.md), so they
// behave as separate instances behind a balancer. PGlite admits one process per data folder: one worker.

/** How many workers `npm start` runs with these settings. */
export function workerCount(settings: Env, cores = os.availableParallelism()): { count: number; reason?: string } {
  if (!settings.DATABASE_URL) {
    const asked = settings.WEB_CONCURRENCY;
    return {
      count: 1,
      reason: asked && asked > 1 ? `WEB_CONCURRENCY=${asked} ignored: the embedded PGlite database admits one process` : undefined,
    };
  }
  return { count: settings.WEB_CONCURRENCY ?? cores };
}

export const isClusterWorker = () => cluster.isWorker;

// A worker that dies this soon after its start is not started again (it would only die again: a bad build).
const CRASH_LOOP_MS = 5_000;

/** In the primary: runs `count` workers until a signal stops them all; resolves with the exit code. */
export function runWorkers(count: number, log: (line: string) => void): Promise<number> {
  let stopping: NodeJS.Signals | undefined;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();
  log(`Serving with ${count} worker${count === 1 ? "" : "s"} (WEB_CONCURRENCY).`);

  return new Promise<number>((resolve) => {
    let crashed = false;
    cluster.on("exit", (worker, code, signal) => {
      const livedMs = Date.now() - (startedAt.get(worker) ?? 0);
      startedAt.delete(worker);
      if (!stopping) {
        log(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}).`);
        if (livedMs > CRASH_LOOP_MS) fork();
        else crashed = true;
      }
      if (startedAt.size === 0) resolve(stopping ? (stopping === "SIGINT" ? 130 : 143) : crashed ? 1 : 0);
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = signal;
      log(`${signal}: stopping ${startedAt.size} worker(s) gracefully…`);
      // A Ctrl+C reaches the workers from the terminal too: a second one changes nothing (they stop once).
      for (const worker of startedAt.keys()) worker.process.kill(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
