// `npm run bench -- --profile` also times the engine in the benchmark's own process, without HTTP: each
// service is called sequentially and every SQL statement it sends is timed (pg's Client.query wrapped,
// which sees both the driver's hot-path statements and Prisma's), so the report says which statement
// costs what, and how much of a call is SQL and how much is JavaScript.
import pg from "pg";
import type { PrismaClient } from "@prisma/client";
import { verifyApiKey } from "@/server/services/api-keys";
import { recordEvent } from "@/server/services/events";
import { getAroundLearner, getLeaderboard } from "@/server/services/leaderboards";
import { getLearnerStats } from "@/server/services/learner-profile";
import { courseId, eventFor, learnerId, type EventStream } from "./events";

interface Stat {
  calls: number;
  ms: number;
}

type QueryFn = (...args: unknown[]) => unknown;

function instrumentPg() {
  const stats = new Map<string, Stat>();
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0];
    const text = typeof config === "string" ? config : ((config as { text?: string } | null)?.text ?? "");
    const key = text.replace(/\s+/g, " ").trim().slice(0, 110);
    const started = performance.now();
    const record = () => {
      const s = stats.get(key) ?? { calls: 0, ms: 0 };
      s.calls += 1;
      s.ms += performance.now() - started;
      stats.set(key, s);
    };
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (...r: unknown[]) => {
        record();
        return (last as (...a: unknown[]) => unknown)(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(record, record);
    return result;
  };
  return { stats, restore: () => (proto.query = original) };
}

async function measure(
  probe: ReturnType<typeof instrumentPg>,
  title: string,
  n: number,
  call: (i: number) => Promise<unknown>,
): Promise<string> {
  for (let i = 0; i < Math.min(20, n); i++) await call(n + i); // warm caches and the JIT, not counted
  probe.stats.clear();
  const started = performance.now();
  // At most `n` calls and about 15 s: a slow call (seconds each) must not hold the benchmark for hours.
  let done = 0;
  while (done < n && (done < 5 || performance.now() - started < 15_000)) await call(done++);
  n = done;
  const wall = (performance.now() - started) / n;
  const rows = [...probe.stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const sqlMs = rows.reduce((t, [, s]) => t + s.ms, 0) / n;
  const statements = rows.reduce((t, [, s]) => t + s.calls, 0) / n;
  return [
    `${title}: ${n} sequential calls, ${wall.toFixed(2)} ms per call; SQL ${sqlMs.toFixed(2)} ms in ${statements.toFixed(1)} statements` +
      (sqlMs <= wall ? `, JavaScript and Prisma ${(wall - sqlMs).toFixed(2)} ms` : " (some run concurrently)"),
    `  per call  mean ms  ms/call  statement`,
    ...rows.map(
      ([text, s]) =>
        `  ${(s.calls / n).toFixed(2).padStart(8)}  ${(s.ms / s.calls).toFixed(3).padStart(7)}  ${(s.ms / n).toFixed(3).padStart(7)}  ${text}`,
    ),
  ].join("\n");
}

/** Times ingestion, redelivery, reads and the API-key check in-process; returns the report text. */
export async function profileEngine(
  prisma: PrismaClient,
  options: { learners: number; courses: number; apiKey: string; calls: number; stream: EventStream },
): Promise<string> {
  const probe = instrumentPg();
  const { learners, courses, calls, stream } = options;
  const learner = () => learnerId(1 + Math.floor(Math.random() * learners));
  try {
    const sections = [
      await measure(probe, "recordEvent, new events", calls, (i) => recordEvent(prisma, eventFor(stream, i))),
      await measure(probe, "recordEvent, redelivered events", calls, (i) => recordEvent(prisma, eventFor(stream, i))),
      await measure(probe, "verifyApiKey (every request)", calls, () => verifyApiKey(prisma, options.apiKey)),
      await measure(probe, "getLeaderboard, global all-time top 50", calls, () =>
        getLeaderboard(prisma, { courseId: null, period: "all-time", limit: 50, offset: 0 }),
      ),
      await measure(probe, "getLeaderboard, global this week top 50", calls, () =>
        getLeaderboard(prisma, { courseId: null, period: "weekly", limit: 50, offset: 0 }),
      ),
      await measure(probe, "getLeaderboard, a course all-time top 50", calls, () =>
        getLeaderboard(prisma, { courseId: courseId(1 + Math.floor(Math.random() * courses)), period: "all-time", limit: 50, offset: 0 }),
      ),
      await measure(probe, "getAroundLearner, global all-time, radius 5", calls, () =>
        getAroundLearner(prisma, { courseId: null, period: "all-time", userId: learner(), radius: 5 }),
      ),
      await measure(probe, "getLearnerStats", calls, () => getLearnerStats(prisma, learner())),
    ];
    return sections.join("\n\n");
  } finally {
    probe.restore();
  }
}
