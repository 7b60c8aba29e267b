// The production server under test: built into its own folder (.next-bench, so a concurrent `next build`
// into .next is never disturbed), started with `tsx server/start.ts start`, and watched for memory.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

// NEXT_DIST_DIR=.next reuses the build CI has just made for the browser tests.
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";

/** Builds the production bundle unless one exists (or `force`); resolves with the seconds it took, 0 if skipped. */
export async function buildIfNeeded(force: boolean, log: (line: string) => void, distDir = DIST_DIR): Promise<number> {
  if (!force && fs.existsSync(path.join(process.cwd(), distDir, "BUILD_ID"))) return 0;
  log(`Building the production bundle into ${distDir} (about a minute)…`);
  const started = Date.now();
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`next build failed:\n${output.slice(-4000)}`);
  return (Date.now() - started) / 1000;
}

export interface Server {
  pid: number;
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL to what is left after 15 s). */
  stop(): Promise<void>;
  logTail(): string;
}

export async function startServer(options: {
  port: number;
  databaseUrl: string;
  logFile: string;
  log: (line: string) => void;
  /** Profile the server's CPU into this folder (see bench/cpu-profile.cjs). */
  profileDir?: string;
  /** Settings over the benchmark's own (the multi-instance test's rate limit, its build folder). */
  env?: Record<string, string>;
}): Promise<Server> {
  const url = `http://127.0.0.1:${options.port}`;
  const out = fs.openSync(options.logFile, "a");
  // Its own process group, so a Ctrl+C on the benchmark reaches the benchmark only, which then stops
  // the server in order (server first, database after).
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/start.ts", "start", "-p", String(options.port)], {
    stdio: ["ignore", out, out],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef",
      NEXTAUTH_URL: url,
      EMBED_SECRET: "bench-only-embed-secret-0123456789",
      RATE_LIMIT_PER_MINUTE: "0",
      ...(options.profileDir
        ? {
            BENCH_PROFILE_DIR: options.profileDir,
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(process.cwd(), "bench", "cpu-profile.cjs")}`.trim(),
          }
        : {}),
      ...options.env,
    },
  });
  fs.closeSync(out);
  let exited = false;
  child.on("exit", () => (exited = true));
  const server: Server = {
    pid: child.pid!,
    url,
    logTail: () => {
      try {
        return fs.readFileSync(options.logFile, "utf8").split("\n").slice(-40).join("\n");
      } catch {
        return "";
      }
    },
    stop: async () => {
      if (exited) return;
      const family = descendants(child.pid!);
      try {
        process.kill(child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && [child.pid!, ...family].some(alive)) await sleep(100);
      for (const pid of [child.pid!, ...family]) {
        if (alive(pid)) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // gone meanwhile
          }
        }
      }
    },
  };
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`The server exited during start-up:\n${server.logTail()}`);
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) {
      await server.stop();
      throw new Error(`The server did not answer within 180 s:\n${server.logTail()}`);
    }
    await sleep(250);
  }
  options.log(`Server ready at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}).`);
  return server;
}

/** The wanted port if nothing listens on it, else a free one (another server may hold 3200). */
export function freePort(wanted: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(null));
      probe.listen(port, () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  return tryListen(wanted).then(async (port) => port ?? (await tryListen(0)) ?? wanted);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every live process below `root`, from /proc (parent ids in /proc/<pid>/stat). */
export function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const child of parents.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

export interface MemoryPeak {
  /** The largest resident set of one process of the server (the Next.js server process). */
  maxProcessMb: number;
  process: string;
  /** The largest sum over the server's processes (launcher included). */
  maxTotalMb: number;
}

/** Samples the resident memory of the server's processes every 200 ms until stopped. */
export function sampleMemory(root: number): { stop(): MemoryPeak } {
  const peak: MemoryPeak = { maxProcessMb: 0, process: "", maxTotalMb: 0 };
  const sample = () => {
    let total = 0;
    for (const pid of [root, ...descendants(root)]) {
      const mb = rssKb(pid) / 1024;
      total += mb;
      if (mb > peak.maxProcessMb) {
        peak.maxProcessMb = mb;
        peak.process = commandOf(pid);
      }
    }
    peak.maxTotalMb = Math.max(peak.maxTotalMb, total);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
