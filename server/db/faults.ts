import { countTransactionRetry } from "@/server/observability/metrics";

// Database faults that are the database's passing state, not a bug: a lost or refused connection, a pool
// that could not hand out a connection in time, a serialization failure or a deadlock. The errors come in
// three shapes: node-postgres's own (a SQLSTATE in `code`, or a socket error), Prisma's (a P-code, with the
// driver's error under `meta.driverAdapterError.cause`), and our own wrappers (`cause`).

/** SQLSTATEs of a lost or refused connection: admin_shutdown (pg_terminate_backend), crash_shutdown,
 * cannot_connect_now (starting up or shutting down), too_many_connections, and class 08 (connection exception). */
const CONNECTION_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** serialization_failure and deadlock_detected: the transaction was rolled back whole and can run again. */
const CONFLICT_STATES = new Set(["40001", "40P01"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** Prisma: cannot reach, timed out, server closed the connection, pool timeout; write conflict or deadlock. */
const PRISMA_CONNECTION = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const PRISMA_CONFLICT = new Set(["P2034"]);
/** The driver adapter's names for the same things. */
const ADAPTER_CONNECTION = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const ADAPTER_CONFLICT = new Set(["TransactionWriteConflict"]);
/** node-postgres errors that carry no code: a connection that ended, a pool that timed out handing one out, a
 * pool closed by a shutdown in progress. */
const CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;

export type DbFault = "connection" | "conflict";

/** What kind of passing database fault `err` is, or null when it is something else (a bug, bad input). */
export function dbFaultOf(err: unknown): DbFault | null {
  for (const e of errorChain(err)) {
    const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : undefined;
    const kind = typeof e.kind === "string" ? e.kind : undefined;
    if (code && (CONFLICT_STATES.has(code) || PRISMA_CONFLICT.has(code))) return "conflict";
    if (kind && ADAPTER_CONFLICT.has(kind)) return "conflict";
    if (code && (CONNECTION_STATES.has(code) || code.startsWith("08") || SOCKET_CODES.has(code) || PRISMA_CONNECTION.has(code)))
      return "connection";
    if (kind && ADAPTER_CONNECTION.has(kind)) return "connection";
    if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return "connection";
  }
  return null;
}

/** The error, what it wraps (`cause`), and the driver's error under a Prisma error; a few levels at most. */
export function errorChain(err: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && chain.length < 8) {
    const e = queue.shift();
    if (e === null || typeof e !== "object" || chain.includes(e as Record<string, unknown>)) continue;
    const record = e as Record<string, unknown>;
    chain.push(record);
    queue.push(record.cause, (record.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
  }
  return chain;
}

/** How long one request may spend retrying, and how often: a restart or a failover of a few seconds is ridden out. */
export const RETRY_BUDGET_MS = 3000;
const MAX_ATTEMPTS = 5;

/**
 * Runs `work`, again after a passing database fault, with a small jittered backoff, within RETRY_BUDGET_MS
 * and MAX_ATTEMPTS; then the last fault is thrown (toAppError answers it 503). Only for work that is safe to
 * run twice: a transaction rolled back is; one whose COMMIT was lost may have committed, so the work must
 * find its own earlier effect (ingestion does: its event ids are claimed once).
 */
export async function retryTransient<T>(work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const backoff = Math.min(40 * 2 ** (attempt - 1), 400) * (0.5 + Math.random());
      const fault = dbFaultOf(err);
      if (!fault || attempt >= MAX_ATTEMPTS || Date.now() - started + backoff > RETRY_BUDGET_MS) throw err;
      countTransactionRetry(fault);
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
