import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "@/server/observability/metrics";
import { createApiKey } from "@/server/services/api-keys";
import { recordRun } from "@/server/services/job-runs";
import { createWebhookEndpoint, deliverDueWebhooks, enqueueTestDelivery } from "@/server/services/webhooks";
import { setUpTestDatabase, usingPostgres } from "@/test/database";
import { lesson, login } from "@/test/engine-fixtures";
import { startRestServer } from "@/test/http-server";
import { startWebhookReceiver } from "@/test/webhook-receiver";

// GET /api/metrics over real HTTP, after a known sequence of events, a conflict, a failing webhook delivery and
// a failed job: each counter says exactly how many of each happened in this process.

const TOKEN = "metrics-token-for-tests-0123456789";
const db = await setUpTestDatabase();
const server = await startRestServer(db, { metricsToken: TOKEN });
const unprotected = await startRestServer(db);
const { key } = await createApiKey(db.prisma, "metrics-lms");
const receiver = await startWebhookReceiver();
afterAll(async () => {
  await Promise.all([server.close(), unprotected.close(), receiver.close()]);
});

const post = async (path: string, body: unknown) =>
  (
    await fetch(`${server.url}/api/v1${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  ).status;

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, url = server.url) =>
  fetch(`${url}/api/metrics`, { headers });

interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of the Prometheus text, by metric name. */
function parse(text: string): Map<string, Sample[]> {
  const samples = new Map<string, Sample[]>();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    samples.set(m[1]!, [...(samples.get(m[1]!) ?? []), { labels, value: Number(m[3]) }]);
  }
  return samples;
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when there is none. */
function valueOf(samples: Map<string, Sample[]>, name: string, labels: Record<string, string> = {}): number {
  const found = (samples.get(name) ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

const N = 3;
let samples: Map<string, Sample[]>;

beforeAll(async () => {
  // The registry is the process's: start this file's count from zero.
  metrics().registry.resetMetrics();
  const statuses: number[] = [];
  for (let i = 0; i < N; i++) statuses.push(await post("/events", lesson("metrics-1", `l-${i}`, "2026-11-24T09:00:00Z", { id: `m-${i}` })));
  statuses.push(await post("/events", lesson("metrics-1", "l-0", "2026-11-24T09:00:00Z", { id: "m-0" }))); // a duplicate
  statuses.push(await post("/events", lesson("metrics-1", "l-other", "2026-11-24T09:00:00Z", { id: "m-1" }))); // a conflict
  statuses.push(await post("/events/batch", { events: [login("metrics-2", "2026-11-24T10:00:00Z", { id: "m-batch" }), { id: "m-bad" }] }));
  expect(statuses).toEqual([201, 201, 201, 200, 409, 200]);

  const endpoint = await createWebhookEndpoint(db.prisma, { url: receiver.url, eventTypes: ["points.awarded"] }, undefined, {
    allowPrivate: true,
  });
  receiver.useSecret(endpoint.secret);
  receiver.reply({ status: 500 });
  await enqueueTestDelivery(db.prisma, endpoint.id);
  expect(await deliverDueWebhooks(db.prisma, { allowPrivate: true })).toMatchObject({ attempted: 1, retrying: 1 });

  await expect(
    recordRun(db.prisma, "streak-check", "test", async () => {
      throw new Error("the job failed");
    }),
  ).rejects.toThrow("the job failed");

  const res = await scrape();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  samples = parse(await res.text());
});

describe("GET /api/metrics", () => {
  it("counts the events by type and outcome, the batch and the group commits", () => {
    expect(valueOf(samples, "gamify_events_total", { type: "lesson.completed", outcome: "created" })).toBe(N);
    expect(valueOf(samples, "gamify_events_total", { type: "lesson.completed", outcome: "duplicate" })).toBe(1);
    expect(valueOf(samples, "gamify_events_total", { type: "lesson.completed", outcome: "conflict" })).toBe(1);
    expect(valueOf(samples, "gamify_events_total", { type: "user.login", outcome: "created" })).toBe(1);
    expect(valueOf(samples, "gamify_events_total", { type: "invalid", outcome: "error" })).toBe(1);
    expect(valueOf(samples, "gamify_event_batch_size_count")).toBe(1);
    expect(valueOf(samples, "gamify_event_batch_size_sum")).toBe(2);
    // Each single event was alone in its group (sent one after the other).
    expect(valueOf(samples, "gamify_group_commit_size_count")).toBe(N + 2);
    expect(valueOf(samples, "gamify_group_commit_size_sum")).toBe(N + 2);
  });

  it("counts the requests by route and status, with their latency", () => {
    const request = { method: "POST", route: "/events" };
    expect(valueOf(samples, "gamify_http_request_duration_seconds_count", { ...request, status: "201" })).toBe(N);
    expect(valueOf(samples, "gamify_http_request_duration_seconds_count", { ...request, status: "200" })).toBe(1);
    expect(valueOf(samples, "gamify_http_request_duration_seconds_count", { ...request, status: "409" })).toBe(1);
    expect(valueOf(samples, "gamify_http_request_duration_seconds_count", { method: "POST", route: "/events/batch", status: "200" })).toBe(
      1,
    );
    const all = valueOf(samples, "gamify_http_request_duration_seconds_bucket", { ...request, status: "201", le: "+Inf" });
    expect(all).toBe(N);
    expect(valueOf(samples, "gamify_http_request_duration_seconds_sum", { ...request, status: "201" })).toBeGreaterThan(0);
  });

  it("counts the failing webhook delivery, the outbox backlog and the failed job", () => {
    expect(valueOf(samples, "gamify_webhook_deliveries_total", { outcome: "retrying" })).toBe(1);
    expect(valueOf(samples, "gamify_webhook_deliveries_total", { outcome: "succeeded" })).toBe(0);
    expect(valueOf(samples, "gamify_webhook_outbox_pending")).toBe(1);
    expect(valueOf(samples, "gamify_job_run_duration_seconds_count", { job: "streak-check", status: "failed" })).toBe(1);
    expect(valueOf(samples, "gamify_job_run_duration_seconds_count", { job: "streak-check", status: "succeeded" })).toBe(0);
  });

  it("reports the pool (PostgreSQL), no retries, and the process's memory and event-loop delay", () => {
    expect(samples.has("gamify_db_pool_connections")).toBe(usingPostgres);
    if (usingPostgres) expect(valueOf(samples, "gamify_db_pool_connections", { state: "waiting" })).toBe(0);
    expect(valueOf(samples, "gamify_db_transaction_retries_total")).toBe(0);
    expect(valueOf(samples, "gamify_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(samples.has("gamify_nodejs_eventloop_lag_p99_seconds")).toBe(true);
  });

  it("refuses a request without the token or with a wrong one, and is off without METRICS_TOKEN", async () => {
    const without = await scrape({});
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toBe("Bearer");
    expect(await without.text()).not.toContain("gamify_events_total");
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${key}` })).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${TOKEN}` }, unprotected.url)).status).toBe(404);
  });
});
