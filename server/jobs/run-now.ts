import type { PrismaClient } from "@prisma/client";
import { backfillAchievement } from "@/server/services/achievements";
import type { JobId } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";
import {
  achievementBackfillRequested,
  inngest,
  inngestConfigured,
  leaderboardRefreshRequested,
  periodCloseRequested,
  streakCheckRequested,
  webhookDeliveryRequested,
  xapiRetentionRequested,
  streakAtRiskRequested,
} from "./client";

// Starting a job from the dashboard. With an Inngest server configured, the job's event is sent and
// Inngest runs it (retries, concurrency limits, its own dashboard). Without one (the embedded default),
// the same service runs here and now, recorded as a run like any other, so every install can run its jobs.

export const DASHBOARD_TRIGGER = "dashboard";

export type RunNowOutcome = { mode: "queued"; events: number } | { mode: "ran"; result: unknown };

export async function runJobNow(db: PrismaClient, job: JobId): Promise<RunNowOutcome> {
  if (!inngestConfigured()) {
    const result = await recordRun(db, job, DASHBOARD_TRIGGER, () => runJobWork(db, job));
    return { mode: "ran", result };
  }
  switch (job) {
    case "weekly-close":
    case "monthly-close":
      await inngest.send(periodCloseRequested.create({ period: job === "weekly-close" ? "weekly" : "monthly" }));
      return { mode: "queued", events: 1 };
    case "streak-check":
      await inngest.send(streakCheckRequested.create({}));
      return { mode: "queued", events: 1 };
    case "leaderboard-refresh":
      await inngest.send(leaderboardRefreshRequested.create({}));
      return { mode: "queued", events: 1 };
    case "achievement-backfill": {
      // The Inngest function backfills one achievement per event: one event per active achievement.
      const active = await db.achievement.findMany({ where: { active: true }, select: { id: true } });
      if (active.length > 0) {
        await inngest.send(active.map((a) => achievementBackfillRequested.create({ achievementId: a.id })));
      }
      return { mode: "queued", events: active.length };
    }
    case "webhook-delivery":
      await inngest.send(webhookDeliveryRequested.create({}));
      return { mode: "queued", events: 1 };
    case "xapi-retention":
      await inngest.send(xapiRetentionRequested.create({}));
      return { mode: "queued", events: 1 };
    case "streak-at-risk":
      await inngest.send(streakAtRiskRequested.create({}));
      return { mode: "queued", events: 1 };
  }
}

/**
 * An achievement change from the dashboard (create, re-activate), given the `backfill` it awards the
 * achievement retroactively with (achievement-catalog's parameter): handed to Inngest when configured (then
 * the answer is `queued` and `awarded` is null, the count comes later, in Jobs), else run at once and
 * recorded as an achievement-backfill run, answering how many learners received it.
 */
export async function withDashboardBackfill<T extends { awarded: number }>(
  db: PrismaClient,
  change: (backfill: (achievementId: number) => Promise<number>) => Promise<T>,
): Promise<Omit<T, "awarded"> & { awarded: number | null; queued: boolean }> {
  let queued = false;
  const result = await change(async (achievementId) => {
    if (inngestConfigured()) {
      await inngest.send(achievementBackfillRequested.create({ achievementId }));
      queued = true;
      return 0;
    }
    const progress = await recordRun(db, "achievement-backfill", DASHBOARD_TRIGGER, () => backfillAchievement(db, achievementId));
    return progress.awarded;
  });
  return { ...result, awarded: queued ? null : result.awarded, queued };
}
