// The load client: a separate process (so its CPU shows up as the client's, not the server's) that drives
// one scenario over HTTP with autocannon and prints one JSON line with what it measured.
//
//   node --import tsx bench/load.ts '<LoadSpec as JSON>'
//
// With duration 0 it runs until SIGUSR2 (the weekly-close scenario stops it when the close is done).
// Latencies are taken from autocannon's per-response timings (fractions of a millisecond), not from its
// histogram, which keeps whole milliseconds only.
import fs from "node:fs";
import autocannon, { type Request } from "autocannon";
import { courseId, eventFor, learnerId, type EventStream } from "./events";

export type ReadKind = "floor" | "top50:all-time" | "top50:weekly" | "top50:monthly" | "top50:course" | "around" | "stats" | "mixed";

export type LoadSpec = {
  target: string;
  apiKey: string;
  connections: number;
  /** Seconds; 0 runs until SIGUSR2. */
  duration: number;
  /** Requests per second over all connections (paced); closed loop when absent. */
  rate?: number;
  timeoutSeconds?: number;
} & (
  | { kind: "single"; stream: EventStream; ackedFile: string }
  | { kind: "batch"; stream: EventStream; batchSize: number }
  | { kind: "duplicate"; stream: EventStream; replayFile: string }
  | { kind: "read"; read: ReadKind; learners: number; courses: number }
);

export interface LoadResult {
  /** Completed responses. */
  requests: number;
  /** What the scenario counts: events created, duplicates answered, or successful reads. */
  units: number;
  seconds: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Answers that break the scenario's semantics (a redelivery answered as new, a batch item in error...). */
  unexpected: number;
  sample?: string;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const EVENT_ID = /"eventId":"bench-[^"]*-(\d+)"/;

function buildRequest(
  spec: Exclude<LoadSpec, { kind: "batch" }>,
  counters: { units: number; unexpected: number; sample?: string },
  acked: number[],
): Request {
  const unexpected = (body: string) => {
    counters.unexpected += 1;
    counters.sample ??= body.slice(0, 500);
  };
  const json = { "content-type": "application/json", authorization: `Bearer ${spec.apiKey}` };
  switch (spec.kind) {
    case "single": {
      let k = 0;
      return {
        method: "POST",
        path: "/api/v1/events",
        headers: json,
        setupRequest: (req) => ({ ...req, body: JSON.stringify(eventFor(spec.stream, k++)) }),
        onResponse: (status, body) => {
          if (status === 201) {
            counters.units += 1;
            const m = EVENT_ID.exec(body);
            if (m) acked.push(Number(m[1]));
          } else unexpected(body);
        },
      };
    }
    case "duplicate": {
      const replay = JSON.parse(fs.readFileSync(spec.replayFile, "utf8")) as number[];
      if (replay.length === 0) throw new Error("Nothing to redeliver: the single-event scenario recorded no events.");
      let i = 0;
      return {
        method: "POST",
        path: "/api/v1/events",
        headers: json,
        setupRequest: (req) => ({ ...req, body: JSON.stringify(eventFor(spec.stream, replay[i++ % replay.length]!)) }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"duplicate":true')) counters.units += 1;
          else unexpected(body);
        },
      };
    }
    case "read": {
      const learner = () => learnerId(1 + Math.floor(Math.random() * spec.learners));
      const course = () => courseId(1 + Math.floor(Math.random() * spec.courses));
      const path: Record<Exclude<ReadKind, "mixed" | "floor">, () => string> = {
        "top50:all-time": () => "/api/v1/leaderboards/global?period=all-time&limit=50",
        "top50:weekly": () => "/api/v1/leaderboards/global?period=weekly&limit=50",
        "top50:monthly": () => "/api/v1/leaderboards/global?period=monthly&limit=50",
        "top50:course": () => `/api/v1/leaderboards/courses/${course()}?period=all-time&limit=50`,
        around: () => `/api/v1/leaderboards/global/around/${learner()}?radius=5`,
        stats: () => `/api/v1/users/${learner()}/stats`,
      };
      const kinds = Object.values(path);
      let turn = 0;
      // "mixed" takes every read in turn (the warm-up).
      // "floor": an unknown path under /api/v1, answered 404 by the REST handler before any database work,
      // so it measures what Next.js and the handler cost per request on this machine.
      const make =
        spec.read === "mixed"
          ? () => kinds[turn++ % kinds.length]!()
          : spec.read === "floor"
            ? () => "/api/v1/bench-floor"
            : path[spec.read];
      const ok = spec.read === "floor" ? 404 : 200;
      return {
        method: "GET",
        headers: { authorization: `Bearer ${spec.apiKey}` },
        setupRequest: (req) => ({ ...req, path: make() }),
        onResponse: (status, body) => {
          if (status === ok) counters.units += 1;
          else unexpected(body);
        },
      };
    }
  }
}

export function runLoad(spec: LoadSpec, onStart?: () => void): Promise<LoadResult> {
  if (spec.kind === "batch") return runBatches(spec, onStart);
  const counters: { units: number; unexpected: number; sample?: string } = { units: 0, unexpected: 0 };
  const acked: number[] = [];
  const latencies: number[] = [];
  const request = buildRequest(spec, counters, acked);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.target,
        connections: spec.connections,
        duration: spec.duration > 0 ? spec.duration : 3600,
        timeout: spec.timeoutSeconds ?? 10,
        ...(spec.rate ? { overallRate: spec.rate } : {}),
        requests: [request],
      },
      (err, result) => {
        process.off("SIGUSR2", stop);
        if (err) return reject(err);
        if (spec.kind === "single") fs.writeFileSync(spec.ackedFile, JSON.stringify(acked));
        const status: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) status[code] = Number(count);
        resolve({
          requests: latencies.length,
          units: counters.units,
          seconds: (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000,
          status,
          errors: result.errors,
          timeouts: result.timeouts,
          unexpected: counters.unexpected,
          sample: counters.sample,
          latency: summarise(latencies),
        });
      },
    );
    const stop = () => instance.stop();
    process.on("SIGUSR2", stop);
    instance.on("start", () => onStart?.());
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

function summarise(latencies: number[]) {
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
  };
}

/**
 * Batches take seconds each, so autocannon's hard stop at the deadline would drop most of them: here each
 * client sends batches back to back until the deadline and finishes the one in flight, and throughput is
 * the events created over the time until the last answer.
 */
async function runBatches(spec: Extract<LoadSpec, { kind: "batch" }>, onStart?: () => void): Promise<LoadResult> {
  let k = 0;
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  const counters = { units: 0, unexpected: 0, errors: 0, sample: undefined as string | undefined };
  const started = performance.now();
  const deadline = started + spec.duration * 1000;
  let stopped = false;
  const stop = () => (stopped = true);
  process.on("SIGUSR2", stop);
  onStart?.();
  const client = async () => {
    while (!stopped && performance.now() < deadline) {
      const events = Array.from({ length: spec.batchSize }, () => eventFor(spec.stream, k++));
      const t = performance.now();
      try {
        const res = await fetch(`${spec.target}/api/v1/events/batch`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${spec.apiKey}` },
          body: JSON.stringify({ events }),
          signal: AbortSignal.timeout((spec.timeoutSeconds ?? 300) * 1000),
        });
        const body = await res.text();
        latencies.push(performance.now() - t);
        status[res.status] = (status[res.status] ?? 0) + 1;
        if (res.status !== 200) {
          counters.unexpected += 1;
          counters.sample ??= body.slice(0, 500);
          continue;
        }
        for (const r of (JSON.parse(body) as { results: { status: string }[] }).results) {
          if (r.status === "created") counters.units += 1;
          else {
            counters.unexpected += 1;
            counters.sample ??= JSON.stringify(r).slice(0, 500);
          }
        }
      } catch (err) {
        counters.errors += 1;
        counters.sample ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, client));
  process.off("SIGUSR2", stop);
  return {
    requests: latencies.length,
    units: counters.units,
    seconds: (performance.now() - started) / 1000,
    status,
    errors: counters.errors,
    timeouts: 0,
    unexpected: counters.unexpected,
    sample: counters.sample,
    latency: summarise(latencies),
  };
}

// Run as a process: the spec in argv, a "started" line when the load begins, the result as the last line.
if (process.argv[1] && /bench[\\/]load\.ts$/.test(process.argv[1])) {
  const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
  runLoad(spec, () => process.stdout.write(JSON.stringify({ started: true }) + "\n")).then(
    (result) => {
      process.stdout.write(JSON.stringify({ result }) + "\n");
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`load: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
