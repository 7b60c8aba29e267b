// The service's own timings of the statements it sends straight to the driver (the hot paths: ingestion,
// boards, the scheduler), per statement text: what the System page shows as the slowest statements when
// pg_stat_statements is not there (PGlite, or a server without the extension). Kept on globalThis, as the
// metrics are (two copies of the app's modules share one process); in this process only, since it started.

interface Timing {
  calls: number;
  totalMs: number;
  maxMs: number;
}

/** Statement texts are a fixed handful per code path; past this many, new ones are not tracked. */
const MAX_STATEMENTS = 500;

const globalForTimings = globalThis as unknown as { gamifyStatementTimings?: Map<string, Timing> };
const timings = (globalForTimings.gamifyStatementTimings ??= new Map());

/** Adds one execution of `text` that took `ms`. */
export function recordStatementTiming(text: string, ms: number): void {
  let t = timings.get(text);
  if (!t) {
    if (timings.size >= MAX_STATEMENTS) return;
    timings.set(text, (t = { calls: 0, totalMs: 0, maxMs: 0 }));
  }
  t.calls += 1;
  t.totalMs += ms;
  if (ms > t.maxMs) t.maxMs = ms;
}

/** Runs a statement through `run`, timing it. */
export async function timed<T>(text: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    recordStatementTiming(text, performance.now() - started);
  }
}

export interface StatementTiming {
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
}

/** The statements that took the most time in all, most first; the text shortened to one line. */
export function slowestStatements(limit: number): StatementTiming[] {
  return [...timings.entries()]
    .map(([text, t]) => ({ statement: oneLine(text), calls: t.calls, totalMs: t.totalMs, meanMs: t.totalMs / t.calls, maxMs: t.maxMs }))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, limit);
}

/** A statement's text on one line, shortened: how the System page lists it. */
export const oneLine = (sql: string) => {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
};
