import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, streakCheckRequested } from "@/server/jobs/client";
import { JOBS } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";

export const streakCheck = inngest.createFunction(
  {
    id: "streak-check",
    name: JOBS["streak-check"].name,
    concurrency: { limit: 1 },
    triggers: [cron(JOBS["streak-check"].cron), streakCheckRequested],
  },
  async ({ event, step }) =>
    step.run("check-streaks", async () =>
      recordRun(await getDb(), "streak-check", event.name, async () => runJobWork(await getDb(), "streak-check")),
    ),
);
