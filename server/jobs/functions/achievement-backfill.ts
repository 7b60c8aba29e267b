import { getDb } from "@/server/db";
import { achievementBackfillRequested, inngest } from "@/server/jobs/client";
import { JOBS } from "@/server/lib/job-catalog";
import { backfillBatch } from "@/server/services/achievements";
import { finishJobRun, startJobRun } from "@/server/services/job-runs";

const BATCH_SIZE = 500;

// One step per batch: a retry resumes after the last batch that finished, and progress shows in Inngest.
export const achievementBackfill = inngest.createFunction(
  { id: "achievement-backfill", name: JOBS["achievement-backfill"].name, triggers: [achievementBackfillRequested] },
  async ({ event, step }) => {
    const { achievementId, batchSize = BATCH_SIZE } = event.data;
    const run = await step.run("start-run", async () => startJobRun(await getDb(), "achievement-backfill", event.name));
    let after = 0;
    let awarded = 0;
    let batches = 0;
    for (let batch = 1; ; batch++) {
      batches = batch;
      const result = await step.run(`award-batch-${batch}`, async () => backfillBatch(await getDb(), achievementId, after, batchSize));
      awarded += result.awarded;
      after = result.lastLearnerId;
      if (result.done) break;
    }
    await step.run("finish-run", async () => finishJobRun(await getDb(), run.id, { result: { achievementId, awarded, batches } }));
    return { achievementId, awarded, batches };
  },
);
