import type { PrismaClient } from "@prisma/client";
import { sqlOf } from "@/server/db";
import { JOB_IDS, JOBS } from "@/server/lib/job-catalog";
import { nextSlotAfter } from "@/server/lib/job-schedule";
import { pendingSummary } from "@/server/services/webhooks";

// The System page's "health at a glance": who runs the schedules and each job's last and next run, the jobs that
// failed in the last 24 hours, the webhook endpoints failing now, the outbox backlog, and the events received per
// minute over the last hour. A handful of small reads, each on an index (job_run by job and start, webhook_delivery
// by endpoint and id, event by received_at).

const DAY_MS = 24 * 3_600_000;
const MINUTES = 60;

export async function getSystemHealth(db: PrismaClient, options: { viaInngest: boolean; now?: Date }) {
  const now = options.now ?? new Date();
  const sql = sqlOf(db);
  const [lastRuns, failed, failing, outbox, perMinute, lastSlot] = await Promise.all([
    sql.query<{ job: string; status: string; started_at: Date; finished_at: Date | null }>(
      `SELECT j.job, r.status, r.started_at, r.finished_at FROM unnest($1::text[]) AS j(job)
       CROSS JOIN LATERAL (SELECT status, started_at, finished_at FROM job_run WHERE job = j.job ORDER BY started_at DESC LIMIT 1) r`,
      [JOB_IDS],
    ),
    db.jobRun.findMany({
      where: { status: "failed", startedAt: { gte: new Date(now.getTime() - DAY_MS) } },
      orderBy: { startedAt: "desc" },
      take: 20,
      select: { id: true, job: true, trigger: true, startedAt: true, error: true },
    }),
    failingEndpoints(db),
    pendingSummary(db),
    sql.query<{ minute: Date; events: number }>(
      `SELECT date_trunc('minute', received_at) AS minute, count(*)::int AS events FROM event
       WHERE received_at > $1::timestamptz AND received_at <= $2::timestamptz GROUP BY 1`,
      [new Date(now.getTime() - MINUTES * 60_000).toISOString(), now.toISOString()],
    ),
    sql.query<{ at: Date | null }>(`SELECT max(slot_at) AS at FROM scheduled_slot`),
  ]);
  const last = new Map(lastRuns.map((r) => [r.job, r]));
  return {
    scheduler: { viaInngest: options.viaInngest, lastSlotClaimedAt: lastSlot[0]?.at ?? null },
    jobs: JOB_IDS.map((id) => {
      const run = last.get(id);
      return {
        id,
        name: JOBS[id].name,
        lastRun: run ? { status: run.status, startedAt: run.started_at, finishedAt: run.finished_at } : null,
        nextRunAt: nextSlotAfter(id, now),
      };
    }),
    failedJobs: failed.map((f) => ({ ...f, name: JOBS[f.job as keyof typeof JOBS]?.name ?? f.job })),
    failingEndpoints: failing,
    outbox,
    ingestion: eventsPerMinute(perMinute, now),
  };
}

/** Enabled endpoints whose latest attempted delivery did not succeed: failing now, with how many wait for them. */
async function failingEndpoints(db: PrismaClient) {
  const rows = await sqlOf(db).query<{
    id: number;
    url: string;
    last_attempt_at: Date;
    last_status_code: number | null;
    last_error: string | null;
    pending: number;
  }>(
    `SELECT e.id, e.url, d.last_attempt_at, d.last_status_code, d.last_error,
       (SELECT count(*)::int FROM webhook_delivery p WHERE p.endpoint_id = e.id AND p.status = 'pending') AS pending
     FROM webhook_endpoint e
     CROSS JOIN LATERAL (
       SELECT status, last_attempt_at, last_status_code, last_error FROM webhook_delivery
       WHERE endpoint_id = e.id AND last_attempt_at IS NOT NULL ORDER BY id DESC LIMIT 1
     ) d
     WHERE e.enabled AND d.status <> 'succeeded' AND d.last_error IS NOT NULL
     ORDER BY d.last_attempt_at DESC`,
  );
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    lastAttemptAt: r.last_attempt_at,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    pending: r.pending,
  }));
}

/** One point per minute of the last hour, oldest first, zero where nothing arrived. */
function eventsPerMinute(rows: { minute: Date; events: number }[], now: Date) {
  const byMinute = new Map(rows.map((r) => [new Date(r.minute).getTime(), r.events]));
  const current = Math.floor(now.getTime() / 60_000) * 60_000;
  return Array.from({ length: MINUTES }, (_, i) => {
    const at = current - (MINUTES - 1 - i) * 60_000;
    return { minute: new Date(at), events: byMinute.get(at) ?? 0 };
  });
}
