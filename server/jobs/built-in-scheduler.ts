import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { describeError, logger } from "@/server/log";
import { inngestConfigured } from "./client";
import { startScheduler, type Scheduler, type SlotReport } from "./scheduler";

// This process's scheduler, started by every server of the app (instrumentation.ts: `npm start`, the demo,
// `npm run dev`, `next start`) unless an Inngest server is configured, in which case Inngest runs the crons and
// this stays off. One per process, kept on globalThis: the production server's own code and Next's bundle
// of the app are two copies of this module in one process (server/production-server.ts stops it).

const globalForScheduler = globalThis as unknown as { gamifyScheduler?: Scheduler | null };

/** Starts the built-in scheduler unless Inngest is configured or it has started already; null when off. */
export function startBuiltInScheduler(): Scheduler | null {
  if (globalForScheduler.gamifyScheduler !== undefined) return globalForScheduler.gamifyScheduler;
  if (inngestConfigured()) {
    logger().info({ scheduler: "inngest" }, "jobs: Inngest runs their schedules");
    return (globalForScheduler.gamifyScheduler = null);
  }
  const scheduler = startScheduler({ database: getDb, now: clock(env().GAMIFY_SCHEDULER_CLOCK_START), onReport: logReport });
  logger().info({ scheduler: "built-in" }, "jobs: the built-in scheduler runs their schedules (no Inngest server configured)");
  return (globalForScheduler.gamifyScheduler = scheduler);
}

/** Stops the built-in scheduler, if it runs here; resolves when its runs in progress have ended. */
export async function stopBuiltInScheduler(): Promise<void> {
  await globalForScheduler.gamifyScheduler?.stop();
}

/** The real clock, or for tests one that starts at the given instant and runs at real speed. */
function clock(startAt: string | undefined): () => Date {
  if (!startAt) return () => new Date();
  const offset = Date.parse(startAt) - Date.now();
  return () => new Date(Date.now() + offset);
}

function logReport(report: SlotReport) {
  const fields = { job: report.job, slotAt: report.slotAt.toISOString() };
  // Webhook delivery runs every minute: its runs are in the log only at debug (and in the job log when they sent something).
  if (report.outcome === "ran") logger()[report.job === "webhook-delivery" ? "debug" : "info"](fields, "scheduled run done");
  else if (report.outcome === "failed") logger().error({ ...fields, error: describeError(report.error) }, "scheduled run failed");
  else logger().debug({ ...fields, outcome: report.outcome }, "scheduled slot not run here");
}
