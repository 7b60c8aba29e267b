import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, xapiRetentionRequested } from "@/server/jobs/client";
import { JOBS } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";

export const xapiRetention = inngest.createFunction(
  {
    id: "xapi-retention",
    name: JOBS["xapi-retention"].name,
    concurrency: { limit: 1 },
    triggers: [cron(JOBS["xapi-retention"].cron), xapiRetentionRequested],
  },
  async ({ event, step }) =>
    step.run("purge-old-statements", async () =>
      recordRun(await getDb(), "xapi-retention", event.name, async () => runJobWork(await getDb(), "xapi-retention")),
    ),
);
