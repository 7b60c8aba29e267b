import type { PrismaClient } from "@prisma/client";
import { sqlOf } from "@/server/db";
import type { ScheduledJobId } from "@/server/lib/job-schedule";
import { completeRun, recordFinishedRun, runJobWork } from "./job-runs";
import { deliverDueWebhooks } from "./webhooks";

// A scheduled run of the built-in scheduler (server/jobs/scheduler.ts): one job's slot, claimed by the one
// instance whose INSERT puts the (job, slot) row in scheduled_slot, then the same work the Inngest function
// does, recorded in the job log. Every other instance's INSERT finds the row and does nothing, so however
// many instances (or workers) run the scheduler, each slot runs once.

/** A scheduled run's trigger in the job log: the built-in scheduler and the slot it ran. */
export function schedulerTrigger(slotAt: Date): string {
  return `scheduler:${slotAt.toISOString()}`;
}

export type SlotOutcome = { claimed: false } | { claimed: true; result: unknown };

/**
 * Claims the job's slot and, if this call claimed it, runs the job (with `now` as its clock). For every job but
 * webhook delivery, the claim and the run's job_run row are one statement, so a claimed slot always has its
 * run in the log. Webhook delivery, every minute, records only the runs that sent something, as its Inngest
 * function does.
 */
export async function runScheduledSlot(db: PrismaClient, job: ScheduledJobId, slotAt: Date, now: Date): Promise<SlotOutcome> {
  const sql = sqlOf(db);
  const trigger = schedulerTrigger(slotAt);
  if (job === "webhook-delivery") {
    const [claimed] = await sql.query(
      `INSERT INTO scheduled_slot (job, slot_at) VALUES ($1, $2::timestamptz) ON CONFLICT DO NOTHING RETURNING job`,
      [job, slotAt.toISOString()],
    );
    if (!claimed) return { claimed: false };
    await forgetOldSlots(db, job, slotAt);
    const startedAt = new Date();
    const result = await deliverDueWebhooks(db, { now });
    if (result.attempted > 0) await recordFinishedRun(db, job, trigger, startedAt, result);
    return { claimed: true, result };
  }
  const [run] = await sql.query<{ id: number }>(
    `WITH claim AS (INSERT INTO scheduled_slot (job, slot_at) VALUES ($1, $2::timestamptz) ON CONFLICT DO NOTHING RETURNING job)
     INSERT INTO job_run (job, trigger, status) SELECT job, $3, 'running' FROM claim RETURNING id`,
    [job, slotAt.toISOString(), trigger],
  );
  if (!run) return { claimed: false };
  await forgetOldSlots(db, job, slotAt);
  const result = await completeRun(db, { id: run.id, job }, () => runJobWork(db, job, { now }));
  return { claimed: true, result };
}

/** Whether any instance has ever claimed a slot of this job here (else there is nothing to catch up). */
export async function hasClaimedSlots(db: PrismaClient, job: ScheduledJobId): Promise<boolean> {
  const [row] = await sqlOf(db).query<{ claimed: boolean }>(`SELECT EXISTS (SELECT 1 FROM scheduled_slot WHERE job = $1) AS claimed`, [
    job,
  ]);
  return row!.claimed;
}

// A day of claims is kept (webhook delivery claims 1,440 a day): an instance only ever claims the latest slot at
// or before its clock, so a slot a day older than one just claimed would be claimed again only by a clock a day late.
async function forgetOldSlots(db: PrismaClient, job: ScheduledJobId, claimed: Date) {
  await sqlOf(db).query(`DELETE FROM scheduled_slot WHERE job = $1 AND slot_at < $2::timestamptz - interval '1 day'`, [
    job,
    claimed.toISOString(),
  ]);
}
