import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, periodCloseRequested } from "@/server/jobs/client";
import { recordRun, runJobWork } from "@/server/services/job-runs";

// Hourly, because the organisation's zone (and so the instant a week ends) can change at any time.
export const weeklyClose = inngest.createFunction(
  {
    id: "weekly-close",
    name: "Weekly close",
    concurrency: { limit: 1 },
    triggers: [cron("5 * * * *"), periodCloseRequested],
  },
  async ({ event, step }) => {
    if (event.name === periodCloseRequested.name && event.data.period !== "weekly") return { skipped: true };
    return step.run("close-ended-weeks", async () =>
      recordRun(await getDb(), "weekly-close", event.name, async () => runJobWork(await getDb(), "weekly-close")),
    );
  },
);
