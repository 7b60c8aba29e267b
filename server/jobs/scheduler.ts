import type { PrismaClient } from "@prisma/client";
import { latestSlotAtOrBefore, SCHEDULED_JOB_IDS, type ScheduledJobId } from "@/server/lib/job-schedule";
import { hasClaimedSlots, runScheduledSlot } from "@/server/services/scheduled-runs";

// The app's own scheduler, for installs without an Inngest server (server/jobs/built-in-scheduler.ts starts
// it): it reads its clock every tick and runs each job's latest slot that it has not dealt with yet, through
// runScheduledSlot, which lets one instance run each slot. So:
// - a slot runs within a tick of falling (1 s by default);
// - a job still running when its next slot falls is not started again in this process: that slot is looked
//   at when the run ends (so runs of one job never overlap here, and a backlog collapses into one run);
// - at start, a job's latest slot runs if no instance ran it (slots missed while everything was down run once,
//   the latest of them): unless the scheduler has never run that job on this database, where nothing was missed.

export interface SchedulerOptions {
  /** The database, asked for at each run (a database unreachable at start is asked again later). */
  database: () => Promise<PrismaClient>;
  /** The clock; tests give their own. */
  now?: () => Date;
  /** How often the clock is read, in milliseconds (default 1,000). 0: never by itself (a test calls tick()). */
  tickMs?: number;
  /** Told of every slot this instance dealt with, and of every failure. */
  onReport?: (report: SlotReport) => void;
}

export type SlotReport =
  | { job: ScheduledJobId; slotAt: Date; outcome: "ran"; result: unknown }
  | { job: ScheduledJobId; slotAt: Date; outcome: "taken" | "nothing-missed" }
  | { job: ScheduledJobId; slotAt: Date; outcome: "failed"; error: unknown };

export interface Scheduler {
  /** Reads the clock once and starts every run that is due; resolves when no run is in progress. */
  tick(): Promise<void>;
  /** Stops reading the clock; resolves when the runs in progress have ended. */
  stop(): Promise<void>;
}

const DEFAULT_TICK_MS = 1000;
/** After a failure (a database unreachable, a job that threw), the job's slot is tried again no sooner than this. */
const RETRY_AFTER_MS = 60_000;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const report = options.onReport ?? (() => {});
  /** Per job, the latest slot dealt with (run here, run elsewhere, or before anything to catch up). */
  const dealtWith = new Map<ScheduledJobId, Date>();
  const retryAt = new Map<ScheduledJobId, number>();
  const running = new Map<ScheduledJobId, Promise<void>>();
  let stopped = false;

  async function run(job: ScheduledJobId, slotAt: Date, at: Date, firstLook: boolean) {
    try {
      const db = await options.database();
      if (firstLook && !(await hasClaimedSlots(db, job))) {
        dealtWith.set(job, slotAt);
        return report({ job, slotAt, outcome: "nothing-missed" });
      }
      const outcome = await runScheduledSlot(db, job, slotAt, at);
      dealtWith.set(job, slotAt);
      report(outcome.claimed ? { job, slotAt, outcome: "ran", result: outcome.result } : { job, slotAt, outcome: "taken" });
    } catch (error) {
      // A claimed slot whose work failed is in the job log as failed, and found taken when tried again.
      retryAt.set(job, at.getTime() + RETRY_AFTER_MS);
      report({ job, slotAt, outcome: "failed", error });
    }
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    const at = now();
    for (const job of SCHEDULED_JOB_IDS) {
      if (running.has(job) || at.getTime() < (retryAt.get(job) ?? 0)) continue;
      const slotAt = latestSlotAtOrBefore(job, at);
      const last = dealtWith.get(job);
      if (!slotAt || (last && slotAt.getTime() <= last.getTime())) continue;
      const done = run(job, slotAt, at, last === undefined).finally(() => running.delete(job));
      running.set(job, done);
    }
    return Promise.all(running.values()).then(() => undefined);
  }

  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  // Unref'd: the scheduler alone never keeps a process alive.
  const timer = tickMs > 0 ? setInterval(() => void tick(), tickMs).unref() : undefined;
  void tick();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
