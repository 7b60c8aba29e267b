import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, streakCheckRequested } from "@/server/jobs/client";
import { recordRun, runJobWork } from "@/server/services/job-runs";

export const streakCheck = inngest.createFunction(
  { id: "streak-check", name: "Daily streak check", concurrency: { limit: 1 }, triggers: [cron("15 0 * * *"), streakCheckRequested] },
  async ({ event, step }) =>
    step.run("check-streaks", async () =>
      recordRun(await getDb(), "streak-check", event.name, async () => runJobWork(await getDb(), "streak-check")),
    ),
);
