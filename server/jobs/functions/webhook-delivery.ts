import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, webhookDeliveryRequested } from "@/server/jobs/client";
import { JOBS } from "@/server/lib/job-catalog";
import { recordFinishedRun } from "@/server/services/job-runs";
import { deliverDueWebhooks, pendingSummary, type DeliveryRunResult } from "@/server/services/webhooks";

/** A retry due sooner than this is waited for in the run (the first retry comes 5 s after a failure). */
const WAIT_WITHIN_MS = 50_000;
const MAX_ROUNDS = 3;

// Every minute (and on demand): sends the due webhook deliveries. Retries due within the minute are waited
// for with a durable sleep rather than left to the next cron. Runs that sent nothing are not recorded, so
// the Jobs page is not flooded with a row a minute.
export const webhookDelivery = inngest.createFunction(
  {
    id: "webhook-delivery",
    name: JOBS["webhook-delivery"].name,
    concurrency: { limit: 1 },
    triggers: [cron(JOBS["webhook-delivery"].cron), webhookDeliveryRequested],
  },
  async ({ event, step }) => {
    // The handler runs again for each step, so "now" would move: the event's own time is stable.
    const startedAt = new Date(event.ts ?? Date.now());
    const total: DeliveryRunResult = { attempted: 0, succeeded: 0, retrying: 0, failed: 0, disabled: 0 };
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const result = await step.run(`deliver-due-${round}`, async () => deliverDueWebhooks(await getDb()));
      for (const k of Object.keys(total) as (keyof DeliveryRunResult)[]) total[k] += result[k];
      const next = await step.run(
        `next-due-${round}`,
        async () => (await pendingSummary(await getDb())).nextAttemptAt?.toISOString() ?? null,
      );
      if (round === MAX_ROUNDS || !next || Date.parse(next) - Date.now() > WAIT_WITHIN_MS) break;
      await step.sleepUntil(`wait-for-retry-${round}`, next);
    }
    if (total.attempted > 0 || event.name === webhookDeliveryRequested.name) {
      await step.run("record-run", async () => {
        await recordFinishedRun(await getDb(), "webhook-delivery", event.name, startedAt, total);
      });
    }
    return total;
  },
);
