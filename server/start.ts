// `npm run dev | start | demo`: check the configuration, migrate (and for the demo, seed) the database,
// then serve: `start` runs the production server (server/production-server.ts) in this process, or in
// WEB_CONCURRENCY worker processes on PostgreSQL (server/cluster.ts); the demo runs the production server
// too (building first when there is no build or the sources changed since it: `next dev` compiled each first
// page for 10-17 s); `dev` hands over to `next dev`. The database is closed first: a PGlite folder admits one
// process at a time, and the server opens it again itself.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isClusterWorker, runWorkers, workerCount } from "@/server/cluster";
import { ConfigError, readEnv } from "@/server/env";
import { openMigratedDatabase } from "@/server/db/prepare";
import { embedUrl } from "@/server/auth/embed-token";
import { DEMO_LEARNER, seedDemo } from "@/server/services/demo-seed";
import { describeDemoSignIn } from "@/server/services/demo-sign-in";
import { buildState } from "@/server/next-build";

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
  if (mode === "demo") for (const [name, value] of Object.entries(demoSecrets())) process.env[name] ??= value;
  // The production server's stricter checks (secrets) apply here too, before anything starts.
  const production = mode !== "dev";
  const settings = readEnv({ ...process.env, NODE_ENV: production ? "production" : "development" });
  // A worker of `npm start` (server/cluster.ts): the primary has migrated and set the environment.
  if (mode === "start" && isClusterWorker()) return serveHere(port, nextArgs);

  const database = await openMigratedDatabase(settings, log);
  let signIn: string[] = [];
  try {
    if (mode === "demo") {
      if ((await database.prisma.learner.count()) === 0) {
        log("Seeding the demo organisation…");
        await seedDemo(database.prisma, log);
      } else {
        log("The database already has learners: the demo seed is skipped.");
      }
      signIn = await describeDemoSignIn(database.prisma, `http://localhost:${port}`);
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

  // `start` builds only when there is no build (a deploy builds first); the demo also rebuilds a stale one.
  const build = production ? buildState(process.cwd(), process.env.NEXT_DIST_DIR || ".next") : "current";
  if (build === "missing" || (mode === "demo" && build === "stale")) {
    log(
      build === "missing" ? "No production build yet: running next build first…" : "The sources changed since the last build: rebuilding…",
    );
    const code = await runNext(["build"], env);
    if (code !== 0) return code;
  }

  if (mode === "demo") {
    for (const line of signIn) log(line);
    // A learner's view as the LMS would open it (the token is valid for an hour; re-run to get a fresh one).
    const learnerUrl = await embedUrl(`http://localhost:${port}`, DEMO_LEARNER, settings.EMBED_SECRET!, "profile");
    log(`A demo learner's view (Ada Lovelace, as an LMS would embed it): ${learnerUrl}`);
  }
  if (production) {
    // Set before the server's modules load: Next and React pick their production builds by NODE_ENV.
    Object.assign(process.env, env, { NODE_ENV: "production" });
    // The demo serves from one process, whatever the database.
    const workers: { count: number; reason?: string } = mode === "start" ? workerCount(settings) : { count: 1 };
    if (workers.reason) log(workers.reason);
    return workers.count > 1 ? runWorkers(workers.count, log) : serveHere(port, nextArgs);
  }
  return runNext(["dev", ...nextArgs], env);
}

/**
 * The demo's session and embed secrets, made once and kept beside its data: it needs none set, yet never
 * runs on a secret everyone knows (the production server refuses to start without them).
 */
function demoSecrets(): { NEXTAUTH_SECRET: string; EMBED_SECRET: string } {
  const file = path.join(path.dirname(path.resolve(process.env.PGLITE_DIR || ".data/pglite")), "demo-secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as { NEXTAUTH_SECRET: string; EMBED_SECRET: string };
  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), EMBED_SECRET: randomBytes(32).toString("base64url") };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
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
