import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, periodCloseRequested } from "@/server/jobs/client";
import { recordRun, runJobWork } from "@/server/services/job-runs";

export const monthlyClose = inngest.createFunction(
  {
    id: "monthly-close",
    name: "Monthly close",
    concurrency: { limit: 1 },
    triggers: [cron("10 * * * *"), periodCloseRequested],
  },
  async ({ event, step }) => {
    if (event.name === periodCloseRequested.name && event.data.period !== "monthly") return { skipped: true };
    return step.run("close-ended-months", async () =>
      recordRun(await getDb(), "monthly-close", event.name, async () => runJobWork(await getDb(), "monthly-close")),
    );
  },
);
