import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { errorChain } from "@/server/db/faults";
import { env } from "@/server/env";

// The server's log: JSON lines on stdout (pino), at LOG_LEVEL (default "info"; the tests run "silent").
// What goes in is chosen field by field, never an object dumped whole: a request's id, method, route
// template, status and duration; an error's type, codes and stack frames. Never a request body or a value
// from it, and never an error's message: PostgreSQL's `detail`, `where` and messages quote the statement's
// parameters (and with them the request's values), Prisma's messages quote the call's arguments, and
// JSON.parse's quote the input.

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, destination);
}

let processLogger: Logger | undefined;

/** The process's logger. */
export function logger(): Logger {
  return (processLogger ??= createLogger(env().LOG_LEVEL));
}

/** An error as the log may show it: what it is and where it was thrown, nothing it quotes. */
export interface LoggedError {
  type: string;
  /** Our code, Prisma's P-code, a socket error (ECONNREFUSED) or a SQLSTATE. */
  code?: string;
  /** The database's SQLSTATE, when the database raised it. */
  sqlState?: string;
  /** Names from the schema, when the database gave them. */
  table?: string;
  column?: string;
  constraint?: string;
  stack: string[];
}

export function describeError(err: unknown): LoggedError {
  const chain = errorChain(err);
  const top = chain[0];
  const described: LoggedError = { type: top ? (top.constructor?.name ?? "Object") : typeof err, stack: stackFrames(top?.stack) };
  for (const e of chain) {
    const text = (key: string) => (typeof e[key] === "string" ? (e[key] as string) : undefined);
    described.code ??= text("code");
    // node-postgres and PGlite errors carry a severity; the driver adapter keeps the original code.
    if (text("severity") || text("originalCode")) described.sqlState ??= text("originalCode") ?? text("code");
    described.table ??= text("table");
    described.column ??= text("column");
    described.constraint ??= text("constraint");
  }
  return described;
}

// Only the "    at function (file:line:col)" lines: the first lines of a stack repeat the message.
const stackFrames = (stack: unknown): string[] =>
  typeof stack === "string"
    ? stack
        .split("\n")
        .filter((line) => /^ {4}at \S/.test(line))
        .slice(0, 8)
        .map((line) => line.trim())
    : [];

/** What the log line of the request being answered will say, filled in while it is answered. */
export interface RequestNote {
  id: string;
  /** The route's template (`/users/{userId}/stats`), never the path with its ids; null when no route matched. */
  route: string | null;
  fault?: LoggedError;
}

// Global: the production server's code and Next's bundle of the app are two copies of this module in one process.
const requests = ((globalThis as unknown as Record<symbol, unknown>)[Symbol.for("gamify.requestNotes")] ??=
  new AsyncLocalStorage<RequestNote>()) as AsyncLocalStorage<RequestNote>;

/** Runs the answering of one request with its note, which the code below it fills in. */
export function withRequestNote<T>(note: RequestNote, answer: () => T): T {
  return requests.run(note, answer);
}

/** The route template the request being answered matched. */
export function noteRoute(template: string): void {
  const note = requests.getStore();
  if (note) note.route = template;
}

/**
 * A bug or a database fault met while answering: it goes in the request's log line, or, outside a request
 * (a job, the dashboard's tRPC), on a line of its own.
 */
export function reportFault(err: unknown): void {
  const note = requests.getStore();
  if (note) note.fault = describeError(err);
  else logger().error({ error: describeError(err) }, "unexpected error");
}
