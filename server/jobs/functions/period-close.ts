import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, periodCloseRequested } from "@/server/jobs/client";
import { JOBS } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";

// The weekly and the monthly close are one job for two periods: each runs on its own cron and on a close
// request for its period (a request for the other period is skipped), and records its run.
const PERIOD_CLOSE = {
  weekly: { job: "weekly-close", step: "close-ended-weeks" },
  monthly: { job: "monthly-close", step: "close-ended-months" },
} as const;

export function periodCloseFunction(period: keyof typeof PERIOD_CLOSE) {
  const { job, step: stepId } = PERIOD_CLOSE[period];
  return inngest.createFunction(
    { id: job, name: JOBS[job].name, concurrency: { limit: 1 }, triggers: [cron(JOBS[job].cron), periodCloseRequested] },
    async ({ event, step }) => {
      if (event.name === periodCloseRequested.name && event.data.period !== period) return { skipped: true };
      return step.run(stepId, async () => recordRun(await getDb(), job, event.name, async () => runJobWork(await getDb(), job)));
    },
  );
}
