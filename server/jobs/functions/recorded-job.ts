import { cron, type EventType } from "inngest";
import type { z } from "zod";
import { getDb } from "@/server/db";
import { inngest } from "@/server/jobs/client";
import { JOBS, type JobId } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";

/** The jobs that have a cron. */
type ScheduledJob = { [K in JobId]: (typeof JOBS)[K]["cron"] extends string ? K : never }[JobId];

/** A request event that carries nothing (every job here but the period close and the backfill). */
type EmptyRequest<Name extends string> = EventType<Name, z.ZodObject<Record<string, never>>>;

/**
 * A job that runs on its cron and on an admin's request as one named step: its work (runJobWork), recorded in
 * the job log with what triggered it.
 */
export function recordedJobFunction<Name extends string>(job: ScheduledJob, requested: EmptyRequest<Name>, stepId: string) {
  return inngest.createFunction(
    { id: job, name: JOBS[job].name, concurrency: { limit: 1 }, triggers: [cron(JOBS[job].cron), requested] },
    async ({ event, step }) =>
      step.run(stepId, async () => recordRun(await getDb(), job, String(event.name), async () => runJobWork(await getDb(), job))),
  );
}
