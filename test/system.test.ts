import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "@/server/services/events";
import { recordRun } from "@/server/services/job-runs";
import { getDatabaseInsight } from "@/server/services/system/database-insight";
import { getSystemHealth } from "@/server/services/system/health-at-a-glance";
import { createWebhookEndpoint, deliverDueWebhooks, enqueueTestDelivery } from "@/server/services/webhooks";
import { setUpTestDatabase, usingPostgres } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";

// The System page's two reads, on a database with a known recent past: three events, a failed job, an endpoint
// whose delivery failed and another whose delivery succeeded.

const db = await setUpTestDatabase();
const receiver = await startWebhookReceiver();
afterAll(() => receiver.close());

let failingId: number;
beforeAll(async () => {
  for (let i = 0; i < 3; i++) await recordEvent(db.prisma, lesson("sys-1", `l-${i}`, "2026-11-24T09:00:00Z", { id: `sys-${i}` }));
  await recordRun(db.prisma, "streak-check", "test", async () => {
    throw new Error("disk full");
  }).catch(() => undefined);
  await recordRun(db.prisma, "xapi-retention", "test", async () => ({ purged: 0 }));
  const create = (path: string) =>
    createWebhookEndpoint(db.prisma, { url: `${receiver.url}${path}`, eventTypes: ["points.awarded"] }, undefined, { allowPrivate: true });
  const failing = await create("/failing");
  const healthy = await create("/healthy");
  failingId = failing.id;
  receiver.reply({ status: 503 });
  await deliverDueWebhooks(db.prisma, { allowPrivate: true, deliveryIds: [await enqueueTestDelivery(db.prisma, failing.id)] });
  receiver.useSecret(healthy.secret);
  await deliverDueWebhooks(db.prisma, { allowPrivate: true, deliveryIds: [await enqueueTestDelivery(db.prisma, healthy.id)] });
});

describe("System page reads", () => {
  it("health: jobs' last and next runs, the failed run, the failing endpoint, the backlog, the last hour's events", async () => {
    const health = await getSystemHealth(db.prisma, { viaInngest: false });
    expect(health.scheduler.viaInngest).toBe(false);
    const byId = new Map(health.jobs.map((j) => [j.id, j]));
    expect(byId.get("streak-check")!.lastRun?.status).toBe("failed");
    expect(byId.get("xapi-retention")!.lastRun?.status).toBe("succeeded");
    expect(byId.get("weekly-close")!.lastRun).toBeNull();
    expect(byId.get("weekly-close")!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    expect(byId.get("achievement-backfill")!.nextRunAt).toBeNull();
    expect(health.failedJobs.map((f) => [f.job, f.error])).toEqual([["streak-check", "disk full"]]);
    expect(health.failingEndpoints.map((e) => [e.id, e.lastStatusCode, e.pending])).toEqual([[failingId, 503, 1]]);
    expect(health.outbox.pending).toBe(1);
    expect(health.ingestion).toHaveLength(60);
    expect(health.ingestion.reduce((n, m) => n + m.events, 0)).toBe(3);
    expect(health.ingestion.at(-1)!.minute.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("database: the hot tables' sizes, the statements timed, autovacuum and connections", async () => {
    const insight = await getDatabaseInsight(db.prisma);
    expect(insight.kind).toBe(usingPostgres ? "postgres" : "pglite");
    const event = insight.tables.find((t) => t.table === "event");
    expect(event!.tableBytes).toBeGreaterThan(0);
    expect(event!.indexBytes).toBeGreaterThan(0);
    expect(insight.tables.map((t) => t.table)).toContain("ledger_entry");
    expect(insight.statements.rows.length).toBeGreaterThan(0);
    expect(insight.statements.rows[0]!.calls).toBeGreaterThan(0);
    if (usingPostgres) {
      const [setting] = await db.query<{ autovacuum: string }>("SHOW autovacuum");
      expect(insight.autovacuum).toBe(setting!.autovacuum === "on");
      expect(insight.connections.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(1);
      expect(insight.pool).not.toBeNull();
    } else {
      expect(insight.autovacuum).toBeNull();
      expect(insight.statements.source).toBe("service");
      expect(event!.deadRatio).toBeNull();
      expect(insight.pool).toBeNull();
    }
  });
});
