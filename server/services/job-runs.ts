import type { Prisma, PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { backfillAchievement } from "./achievements";
import { closeEndedPeriods } from "./periods";
import { repairDrift } from "./reconcile";
import { checkStreaks } from "./streak-check";
import { deliverDueWebhooks } from "./webhooks";

/** The background jobs of DOMAIN.md, by stable id, with what they do and when they run. */
export const JOBS = {
  "weekly-close": { name: "Weekly close", schedule: "Hourly at :05", description: "Closes every ended week: freezes its boards as its final standings and awards period-rank achievements." },
  "monthly-close": { name: "Monthly close", schedule: "Hourly at :10", description: "Closes every ended month: freezes its boards as its final standings and awards period-rank achievements." },
  "streak-check": { name: "Daily streak check", schedule: "Daily at 00:15 UTC", description: "Marks ended streaks for dashboards and counts streaks at risk today." },
  "leaderboard-refresh": { name: "Leaderboard refresh", schedule: "Daily at 03:00 UTC", description: "Checks every total, board and rank histogram against the ledger and repairs drift." },
  "achievement-backfill": { name: "Achievement backfill", schedule: "When an achievement is created or re-activated", description: "Awards an achievement to every learner who already qualifies, in batches." },
  "webhook-delivery": { name: "Webhook delivery", schedule: "Every minute", description: "Sends the webhook deliveries that are due, signed, with retries and backoff (runs are recorded when something was sent)." },
} as const;
export type JobId = keyof typeof JOBS;
export const JOB_IDS = Object.keys(JOBS) as JobId[];

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
  return db.jobRun.create({
    data: { job, trigger, status: "succeeded", startedAt, finishedAt: new Date(), result: result as Prisma.InputJsonValue },
  });
}

/** Runs a job's work and records the run (start, end, status, what it did). */
export async function recordRun<T>(db: Db, job: JobId, trigger: string, work: () => Promise<T>): Promise<T> {
  const run = await startJobRun(db, job, trigger);
  try {
    const result = await work();
    await finishJobRun(db, run.id, { result });
    return result;
  } catch (error) {
    await finishJobRun(db, run.id, { error });
    throw error;
  }
}

/** The work of each job, the same whether Inngest runs it or an admin runs it directly. */
export async function runJobWork(db: PrismaClient, job: JobId, params: { achievementId?: number; now?: Date } = {}) {
  const now = params.now ?? new Date();
  switch (job) {
    case "weekly-close":
    case "monthly-close": {
      const closed = await closeEndedPeriods(db, job === "weekly-close" ? "weekly" : "monthly", now);
      return { closed: closed.filter((c) => c.closed).map((c) => c.periodStart), achievementsAwarded: closed.reduce((n, c) => n + c.achievementsAwarded, 0) };
    }
    case "streak-check":
      return checkStreaks(db, now);
    case "leaderboard-refresh": {
      const { before, after } = await repairDrift(db);
      return { driftFound: before, driftAfterRepair: after };
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
  }
}

export async function listJobRuns(db: Db, job?: JobId, take = 20) {
  return db.jobRun.findMany({ where: job ? { job } : {}, orderBy: { startedAt: "desc" }, take });
}

/** Every job with its schedule and its latest runs, newest first (one index range per job). */
export async function listJobsWithRuns(db: Db, runsPerJob = 5) {
  const runs = await Promise.all(JOB_IDS.map((job) => listJobRuns(db, job, runsPerJob)));
  return JOB_IDS.map((id, i) => ({ id, ...JOBS[id], runs: runs[i]! }));
}
