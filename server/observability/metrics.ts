import cluster from "node:cluster";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { env } from "@/server/env";

// The process's Prometheus metrics (docs/operations.md lists each one). One registry, kept on globalThis: the
// production server's own code and Next's bundle of the app are two copies of this module in one process, and
// both must count into the same series. The hot paths call the small functions below (a counter's inc is a
// map lookup and an add); everything that needs a query or a walk is computed at scrape time (collectors).
// Each process answers for itself (the Prometheus model): with WEB_CONCURRENCY workers, the `worker` label
// tells their series apart. Nothing is counted while METRICS_TOKEN is unset (no one could read it): the hot
// paths' calls return at their first line.

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500];
const JOB_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ worker: cluster.isWorker ? String(cluster.worker?.id ?? 0) : "0" });
  collectDefaultMetrics({ register: registry, prefix: "gamify_" });
  const registers = [registry];
  return {
    registry,
    /** The open PostgreSQL pools, whose counts the scrape reads. */
    pools: new Set<PoolCounts>(),
    requests: new Histogram({
      name: "gamify_http_request_duration_seconds",
      help: "LMS API requests (/api/v1) by method, route template and status, with their latency.",
      labelNames: ["method", "route", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    events: new Counter({
      name: "gamify_events_total",
      help: "Events received, by type and outcome (created, duplicate, conflict, error).",
      labelNames: ["type", "outcome"] as const,
      registers,
    }),
    batchSizes: new Histogram({
      name: "gamify_event_batch_size",
      help: "Events per batch request (POST /events/batch).",
      buckets: SIZE_BUCKETS,
      registers,
    }),
    groupCommitSizes: new Histogram({
      name: "gamify_group_commit_size",
      help: "Single events recorded together in one group-commit transaction.",
      buckets: SIZE_BUCKETS,
      registers,
    }),
    xapiStatements: new Counter({
      name: "gamify_xapi_statements_total",
      help: "xAPI statements received, by mapping outcome (applied, ignored, unchanged) and the reason of an ignored one.",
      labelNames: ["outcome", "reason"] as const,
      registers,
    }),
    transactionRetries: new Counter({
      name: "gamify_db_transaction_retries_total",
      help: "Database work run again after a passing fault (connection lost, serialization failure, deadlock).",
      labelNames: ["fault"] as const,
      registers,
    }),
    jobRuns: new Histogram({
      name: "gamify_job_run_duration_seconds",
      help: "Job runs by job and status (succeeded, failed), with their duration.",
      labelNames: ["job", "status"] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "gamify_webhook_deliveries_total",
      help: "Webhook delivery attempts, by outcome (succeeded, retrying, failed, disabled).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    outboxBacklog: new Gauge({
      name: "gamify_webhook_outbox_pending",
      help: "Webhook deliveries waiting to be sent (read at scrape time).",
      registers,
    }),
    outboxOldestSeconds: new Gauge({
      name: "gamify_webhook_outbox_oldest_due_seconds",
      help: "How long the longest-waiting due delivery has been due (0 when none is due).",
      registers,
    }),
    poolConnections: new Gauge({
      name: "gamify_db_pool_connections",
      help: "PostgreSQL pool connections by state (in_use, idle, waiting: requests queued for a connection). Not on PGlite.",
      labelNames: ["state"] as const,
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as unknown as { gamifyMetrics?: Metrics; gamifyMetricsOn?: boolean };

/** The metrics of this process (created on first use). */
export function metrics(): Metrics {
  return (globalForMetrics.gamifyMetrics ??= createMetrics());
}

/** Whether this process counts: METRICS_TOKEN is set, or a metrics endpoint was created with a token. */
const counting = () => (globalForMetrics.gamifyMetricsOn ??= Boolean(env().METRICS_TOKEN));

/** Starts counting (a metrics endpoint that has a token: its scrapes must find the figures). */
export function enableMetrics(): void {
  globalForMetrics.gamifyMetricsOn = true;
}

export type EventOutcomeLabel = "created" | "duplicate" | "conflict" | "error";

export function countRequest(method: string, route: string | null, status: number, seconds: number): void {
  if (!counting()) return;
  metrics().requests.observe({ method, route: route ?? "unmatched", status: String(status) }, seconds);
}

export function countEvent(type: string, outcome: EventOutcomeLabel): void {
  if (!counting()) return;
  metrics().events.inc({ type, outcome });
}

export function observeBatchSize(size: number): void {
  if (!counting()) return;
  metrics().batchSizes.observe(size);
}

export function observeGroupCommit(size: number): void {
  if (!counting()) return;
  metrics().groupCommitSizes.observe(size);
}

export function countXapiStatement(outcome: string, reason: string | undefined): void {
  if (!counting()) return;
  metrics().xapiStatements.inc({ outcome, reason: reason ?? "" });
}

export function countTransactionRetry(fault: string): void {
  if (!counting()) return;
  metrics().transactionRetries.inc({ fault });
}

export function observeJobRun(job: string, status: "succeeded" | "failed", seconds: number): void {
  if (!counting()) return;
  metrics().jobRuns.observe({ job, status }, seconds);
}

export function countWebhookDelivery(outcome: string): void {
  if (!counting()) return;
  metrics().webhookDeliveries.inc({ outcome });
}

/** A PostgreSQL pool whose counts the scrape reads (pg's Pool has these three). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Reports a pool's connections while it is open; the returned function stops it (at close). */
export function watchPool(pool: PoolCounts): () => void {
  const { pools } = metrics();
  pools.add(pool);
  return () => void pools.delete(pool);
}

const POOL_STATES = { inUse: "in_use", idle: "idle", waiting: "waiting" } as const;

/** The connections of this process's PostgreSQL pools now; null without one (PGlite). */
export function poolCounts(): { inUse: number; idle: number; waiting: number } | null {
  const { pools } = metrics();
  if (pools.size === 0) return null;
  const counts = { inUse: 0, idle: 0, waiting: 0 };
  for (const p of pools) {
    counts.inUse += p.totalCount - p.idleCount;
    counts.idle += p.idleCount;
    counts.waiting += p.waitingCount;
  }
  return counts;
}

/** What the scrape reads from the database: the webhook outbox (one cheap query, by the caller). */
export interface ScrapeReadings {
  outbox: { pending: number; oldestDueSeconds: number } | null;
}

/** The Prometheus text of this process, with the gauges read at scrape time. */
export async function renderMetrics(readings: ScrapeReadings): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const pool = poolCounts();
  if (pool) for (const state of ["inUse", "idle", "waiting"] as const) m.poolConnections.set({ state: POOL_STATES[state] }, pool[state]);
  if (readings.outbox) {
    m.outboxBacklog.set(readings.outbox.pending);
    m.outboxOldestSeconds.set(readings.outbox.oldestDueSeconds);
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
