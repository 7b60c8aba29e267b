// `npm run dev | start | demo`: check the configuration, migrate (and for the demo, seed) the database,
// then serve: `start` runs the production server (server/production-server.ts) in this process, or in
// WEB_CONCURRENCY worker processes on PostgreSQL (server/cluster.ts); `dev` and
// `demo` hand over to `next dev`. The database is closed first: a PGlite folder admits one process at a
// time, and the server opens it again itself.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isClusterWorker, runWorkers, workerCount } from "@/server/cluster";
import { ConfigError, readEnv } from "@/server/env";
import { openMigratedDatabase } from "@/server/db/prepare";
import { embedUrl } from "@/server/auth/embed-token";
import { DEMO_LEARNER, seedDemo } from "@/server/services/demo-seed";

type Mode = "dev" | "start" | "demo";
const MODES: Mode[] = ["dev", "start", "demo"];

const log = (line: string) => console.log(`[gamify] ${line}`);

async function main(): Promise<number> {
  const mode = process.argv[2] as Mode;
  if (!MODES.includes(mode)) {
    console.error(`Usage: tsx server/start.ts ${MODES.join("|")} [next options]`);
    return 1;
  }
  const nextArgs = process.argv.slice(3);
  const port = readOption(nextArgs, "-p", "--port") ?? process.env.PORT ?? "3000";
  // `next start` runs in production, so its stricter checks (secrets) apply here too, before anything starts.
  const settings = readEnv({ ...process.env, NODE_ENV: mode === "start" ? "production" : "development" });
  // A worker of `npm start` (server/cluster.ts): the primary has migrated and set the environment.
  if (mode === "start" && isClusterWorker()) return serveHere(port, nextArgs);

  const database = await openMigratedDatabase(settings, log);
  let demoCredentials: { adminEmail: string; adminPassword: string } | undefined;
  try {
    if (mode === "demo") {
      if ((await database.prisma.learner.count()) === 0) {
        log("Seeding the demo organisation…");
        demoCredentials = await seedDemo(database.prisma, log);
      } else {
        log("The database already has learners: the demo seed is skipped.");
      }
    }
  } finally {
    await database.close();
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Next leaves SIGINT/SIGTERM to the app, which closes PGlite before exiting (server/db/index.ts).
    NEXT_MANUAL_SIG_HANDLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    // `next dev` kills its worker 100 ms after a signal by default: too soon for PGlite to close.
    NEXT_EXIT_TIMEOUT_MS: process.env.NEXT_EXIT_TIMEOUT_MS ?? "10000",
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };

  if (mode === "start" && !fs.existsSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    log("No production build yet: running next build first…");
    const code = await runNext(["build"], env);
    if (code !== 0) return code;
  }

  if (mode === "demo") {
    log(`Sign in at http://localhost:${port}/admin/sign-in`);
    if (demoCredentials) log(`  email ${demoCredentials.adminEmail}   password ${demoCredentials.adminPassword}`);
    else log("  with the demo admin created when the demo was first seeded.");
    // A learner's view as the LMS would open it (the token is valid for an hour; re-run to get a fresh one).
    const learnerUrl = await embedUrl(`http://localhost:${port}`, DEMO_LEARNER, settings.EMBED_SECRET!, "profile");
    log(`A demo learner's view (Ada Lovelace, as an LMS would embed it): ${learnerUrl}`);
  }
  if (mode === "start") {
    // Set before the server's modules load: Next and React pick their production builds by NODE_ENV.
    Object.assign(process.env, env, { NODE_ENV: "production" });
    const workers = workerCount(settings);
    if (workers.reason) log(workers.reason);
    return workers.count > 1 ? runWorkers(workers.count, log) : serveHere(port, nextArgs);
  }
  return runNext(["dev", ...nextArgs], env);
}

/** Runs the production server in this process; it serves until a signal ends the process. */
async function serveHere(port: string, nextArgs: string[]): Promise<number> {
  const { serveProduction } = await import("@/server/production-server");
  await serveProduction({ port: Number(port), hostname: readOption(nextArgs, "-H", "--hostname"), log });
  return new Promise<number>(() => {});
}

/** The value of `-p 3000`, `--port 3000` or `--port=3000` style options. */
function readOption(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === short || arg === long) return args[i + 1];
    if (arg.startsWith(`${long}=`)) return arg.slice(long.length + 1);
  }
  return undefined;
}

/** Runs the Next.js CLI, forwarding shutdown signals, and resolves with its exit code. */
function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const nextBin = require.resolve("next/dist/bin/next");
  const exitWithParent = path.join(__dirname, "exit-with-parent.cjs");
  // A process group of its own, so a Ctrl+C reaches Next once (forwarded below), not twice: a second
  // signal would kill it before PGlite has closed. The IPC channel lets it notice if we die first.
  const child = spawn(process.execPath, ["--require", exitWithParent, nextBin, ...args], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...env, GAMIFY_EXIT_WITH_PARENT: "1" },
    detached: true,
  });
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  let received = 0;
  let firstAt = 0;
  const forward = (signal: NodeJS.Signals) => {
    // The same signal often arrives twice at once (to the process group and from a parent script).
    if (received > 0 && Date.now() - firstAt < 1000) return;
    received += 1;
    if (received === 1) {
      firstAt = Date.now();
      sendSignal(child, signal === "SIGHUP" ? "SIGTERM" : signal);
    } else if (received === 2) log("Still shutting down: closing the database… (signal again to force)");
    else sendSignal(child, "SIGKILL");
  };
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    child.on("error", (err) => {
      console.error(`Could not start Next.js: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

function sendSignal(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A configuration problem is the user's to fix: one sentence, no stack trace.
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
