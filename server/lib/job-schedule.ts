import { Cron } from "croner";
import { JOB_IDS, JOBS, type JobId } from "./job-catalog";

// When the jobs of the catalogue run, read from their crons (UTC, as Inngest reads them): what the built-in
// scheduler runs and what the Jobs page shows as a job's next run. Pure: the instant is always given.

/** The jobs that run on a cron (the others run on demand only). */
export type ScheduledJobId = { [K in JobId]: (typeof JOBS)[K]["cron"] extends string ? K : never }[JobId];

export const SCHEDULED_JOB_IDS = JOB_IDS.filter((id): id is ScheduledJobId => JOBS[id].cron !== null);

// No function is given, so croner arms no timer: these only compute instants.
const crons = new Map<ScheduledJobId, Cron>(SCHEDULED_JOB_IDS.map((id) => [id, new Cron(JOBS[id].cron!, { timezone: "UTC" })]));

function cronOf(job: ScheduledJobId): Cron {
  return crons.get(job)!;
}

export function isScheduled(job: JobId): job is ScheduledJobId {
  return crons.has(job as ScheduledJobId);
}

/** The latest instant at or before `at` that the job's cron names (null if it never named one). */
export function latestSlotAtOrBefore(job: ScheduledJobId, at: Date): Date | null {
  // croner's previous run is the latest one strictly before the reference's whole second: a reference one
  // second after `at`'s second includes a slot at `at` itself (slots fall on whole seconds).
  const reference = new Date(Math.floor(at.getTime() / 1000) * 1000 + 1000);
  return cronOf(job).previousRuns(1, reference)[0] ?? null;
}

/** The first instant after `at` that the job's cron names; null for a job that runs on demand only. */
export function nextSlotAfter(job: JobId, at: Date): Date | null {
  return isScheduled(job) ? cronOf(job).nextRun(at) : null;
}
