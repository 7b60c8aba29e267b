import type { Prisma, PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { JOB_IDS, JOBS, type JobId } from "@/server/lib/job-catalog";
import { nextSlotAfter } from "@/server/lib/job-schedule";
import { observeJobRun } from "@/server/observability/metrics";
import { inSpan } from "@/server/observability/tracing";
import { backfillAchievement } from "./achievements";
import { closeEndedPeriods } from "./periods";
import { repairDrift, totalDrift } from "./reconcile";
import { sendAtRiskNudges } from "./streak-at-risk";
import { checkStreaks } from "./streak-check";
import { deliverDueWebhooks } from "./webhooks";
import { purgeOldStatements } from "./privacy/retention";

export async function startJobRun(db: Db, job: JobId, trigger: string) {
  return db.jobRun.create({ data: { job, trigger, status: "running" } });
}

export async function finishJobRun(db: Db, id: number, outcome: { result?: unknown; error?: unknown }) {
  return db.jobRun.update({
    where: { id },
    data: {
      status: outcome.error ? "failed" : "succeeded",
      finishedAt: new Date(),
      result: (outcome.result ?? undefined) as Prisma.InputJsonValue | undefined,
      error: outcome.error ? String((outcome.error as Error).message ?? outcome.error).slice(0, 500) : null,
    },
  });
}

/** Records a run that has already finished (jobs that run every minute record only the runs that did something). */
export async function recordFinishedRun(db: Db, job: JobId, trigger: string, startedAt: Date, result: unknown) {
  observeJobRun(job, "succeeded", (Date.now() - startedAt.getTime()) / 1000);
  return db.jobRun.create({
    data: { job, trigger, status: "succeeded", startedAt, finishedAt: new Date(), result: result as Prisma.InputJsonValue },
  });
}

/** Runs a job's work and records the run (start, end, status, what it did). */
export async function recordRun<T>(db: Db, job: JobId, trigger: string, work: () => Promise<T>): Promise<T> {
  return completeRun(db, await startJobRun(db, job, trigger), work);
}

/** Runs the work of a run already started (its job_run row written) and records how it ended (log, metrics, span). */
export async function completeRun<T>(db: Db, run: { id: number; job: string }, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const took = () => (performance.now() - started) / 1000;
  return inSpan(`job ${run.job}`, { "gamify.job": run.job, "gamify.job_run.id": run.id }, async () => {
    try {
      const result = await work();
      await finishJobRun(db, run.id, { result });
      observeJobRun(run.job, "succeeded", took());
      return result;
    } catch (error) {
      await finishJobRun(db, run.id, { error, result: error instanceof JobFailure ? error.result : undefined });
      observeJobRun(run.job, "failed", took());
      throw error;
    }
  });
}

/** A job that ran to its end but did not achieve what it is for: its run is failed, and keeps its result. */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
  }
}

/** The work of each job, the same whether Inngest runs it or an admin runs it directly. */
export async function runJobWork(db: PrismaClient, job: JobId, params: { achievementId?: number; now?: Date } = {}) {
  const now = params.now ?? new Date();
  switch (job) {
    case "weekly-close":
    case "monthly-close": {
      const closed = await closeEndedPeriods(db, job === "weekly-close" ? "weekly" : "monthly", now);
      return {
        closed: closed.filter((c) => c.closed).map((c) => c.periodStart),
        achievementsAwarded: closed.reduce((n, c) => n + c.achievementsAwarded, 0),
      };
    }
    case "streak-check":
      return checkStreaks(db, now);
    case "leaderboard-refresh": {
      const { before, after } = await repairDrift(db);
      const result = { driftFound: before, driftAfterRepair: after };
      // A run that leaves drift did not do its job: recorded as failed, with what it found and left.
      if (totalDrift(after) > 0) throw new JobFailure(`Drift remains after the repair: ${JSON.stringify(after)}.`, result);
      return result;
    }
    case "achievement-backfill": {
      if (!params.achievementId) {
        // Without a target, backfill every active achievement (a safety net if a run was lost).
        const active = await db.achievement.findMany({ where: { active: true }, select: { id: true, key: true } });
        const awarded: Record<string, number> = {};
        for (const a of active) awarded[a.key] = (await backfillAchievement(db, a.id)).awarded;
        return { awarded };
      }
      return backfillAchievement(db, params.achievementId);
    }
    case "webhook-delivery":
      return deliverDueWebhooks(db, { now });
    case "xapi-retention":
      return purgeOldStatements(db, now);
    case "streak-at-risk":
      return sendAtRiskNudges(db, now);
  }
}

export async function listJobRuns(db: Db, job?: JobId, take = 20) {
  return db.jobRun.findMany({ where: job ? { job } : {}, orderBy: { startedAt: "desc" }, take });
}

/** Every job with its schedule, its next scheduled run after `now` (null: on demand only) and its latest runs, newest first. */
export async function listJobsWithRuns(db: Db, runsPerJob = 5, now = new Date()) {
  const runs = await Promise.all(JOB_IDS.map((job) => listJobRuns(db, job, runsPerJob)));
  return JOB_IDS.map((id, i) => ({
    id,
    name: JOBS[id].name,
    schedule: JOBS[id].schedule,
    nextRunAt: nextSlotAfter(id, now),
    description: JOBS[id].description,
    runs: runs[i]!,
  }));
}
