import { afterAll, describe, expect, it } from "vitest";
import { startScheduler, type Scheduler, type SlotReport } from "@/server/jobs/scheduler";
import { SCHEDULED_JOB_IDS } from "@/server/lib/job-schedule";
import { listJobsWithRuns } from "@/server/services/job-runs";
import { setUpTestDatabase } from "@/test/database";
import { closedWeekFacts, seedEndedWeek } from "@/test/ended-week";

// The built-in scheduler against a real database, with a clock the test moves: a week that has ended is closed
// at the weekly close's next slot, on its own; a slot missed while the scheduler was down runs once at the next
// start (the latest one only); one job's runs never overlap in a process; stop() lets the run in progress end.

const database = await setUpTestDatabase();
const db = database.prisma;
const week = await seedEndedWeek(db, "2026-11-23", "sched");

let clock = new Date("2026-11-30T10:04:59Z");
const reports: SlotReport[] = [];
const schedulers: Scheduler[] = [];
function start(options: { database?: () => Promise<typeof db> } = {}) {
  const scheduler = startScheduler({
    database: options.database ?? (async () => db),
    now: () => clock,
    tickMs: 0,
    onReport: (r) => reports.push(r),
  });
  schedulers.push(scheduler);
  return scheduler;
}
afterAll(async () => {
  for (const s of schedulers) await s.stop();
});

const weeklyRuns = () => db.jobRun.findMany({ where: { job: "weekly-close" }, orderBy: { id: "asc" } });

describe("the built-in scheduler", () => {
  let first: Scheduler;

  it("on a database it never ran on, runs nothing at start: nothing was missed", async () => {
    first = start();
    await first.tick();
    expect(reports.map((r) => r.outcome)).toEqual(SCHEDULED_JOB_IDS.map(() => "nothing-missed"));
    expect(await db.jobRun.count()).toBe(0);
    expect(await closedWeekFacts(db, week)).toEqual({ closes: 0, holders: [] });
  });

  it("closes the ended week at the weekly close's slot, recorded with the scheduler and the slot as its trigger", async () => {
    clock = new Date("2026-11-30T10:05:00Z");
    await first.tick();
    const runs = await weeklyRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: "scheduler:2026-11-30T10:05:00.000Z",
      status: "succeeded",
      result: { closed: ["2026-11-23"], achievementsAwarded: 1 },
    });
    expect(await closedWeekFacts(db, week)).toEqual({ closes: 1, holders: [week.winner] });
    // Webhook delivery's slot ran too; with nothing to send, its run is not recorded (as with Inngest).
    expect(
      reports
        .filter((r) => r.outcome === "ran")
        .map((r) => r.job)
        .sort(),
    ).toEqual(["webhook-delivery", "weekly-close"]);
    expect(await db.jobRun.count({ where: { job: "webhook-delivery" } })).toBe(0);
  });

  it("runs a slot once: the same clock again starts nothing", async () => {
    await first.tick();
    expect(await weeklyRuns()).toHaveLength(1);
  });

  it("tells the Jobs page when each job runs next", async () => {
    const jobs = await listJobsWithRuns(db, 5, clock);
    const next = Object.fromEntries(jobs.map((j) => [j.id, j.nextRunAt?.toISOString() ?? null]));
    expect(next).toMatchObject({
      "weekly-close": "2026-11-30T11:05:00.000Z",
      "monthly-close": "2026-11-30T10:10:00.000Z",
      "streak-check": "2026-12-01T00:15:00.000Z",
      "leaderboard-refresh": "2026-12-01T03:00:00.000Z",
      "achievement-backfill": null,
      "webhook-delivery": "2026-11-30T10:06:00.000Z",
    });
  });

  it("after a stop, runs the latest missed slot once at the next start, not every missed one", async () => {
    await first.stop();
    clock = new Date("2026-11-30T13:30:00Z"); // 11:05, 12:05 and 13:05 fell while it was down
    await start().tick();
    const runs = await weeklyRuns();
    expect(runs.map((r) => r.trigger)).toEqual(["scheduler:2026-11-30T10:05:00.000Z", "scheduler:2026-11-30T13:05:00.000Z"]);
    expect(runs[1]).toMatchObject({ status: "succeeded", result: { closed: [], achievementsAwarded: 0 } });
    expect(await closedWeekFacts(db, week)).toEqual({ closes: 1, holders: [week.winner] });
  });

  it("never starts a job again while its run is in progress, and stop() waits for that run to end", async () => {
    for (const s of schedulers) await s.stop();
    clock = new Date("2026-11-30T14:05:00Z");
    // Every run waits for the database until the gate opens: the runs of 14:05 are in progress meanwhile.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let asked = 0;
    const gated = start({ database: () => ((asked += 1), gate.then(() => db)) });
    let stopped: Promise<void>;
    try {
      expect(asked).toBe(SCHEDULED_JOB_IDS.length); // one run started per job at start
      clock = new Date("2026-11-30T15:05:00Z"); // the next slot falls while they run
      void gated.tick();
      expect(asked).toBe(SCHEDULED_JOB_IDS.length);
    } finally {
      stopped = gated.stop();
      open();
    }
    await stopped;
    const runs = await weeklyRuns();
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ["scheduler:2026-11-30T10:05:00.000Z", "succeeded"],
      ["scheduler:2026-11-30T13:05:00.000Z", "succeeded"],
      ["scheduler:2026-11-30T14:05:00.000Z", "succeeded"],
    ]);
    // Stopped: the 15:05 slot is not started afterwards.
    await gated.tick();
    expect(await weeklyRuns()).toHaveLength(3);
  });

  it("asks again a minute later when the database is unreachable at a slot, and the slot still runs", async () => {
    clock = new Date("2026-11-30T16:05:00Z");
    let reachable = false;
    let asked = 0;
    const scheduler = start({
      database: async () => {
        asked += 1;
        if (!reachable) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        return db;
      },
    });
    await scheduler.tick();
    expect(reports.filter((r) => r.outcome === "failed").map((r) => r.job)).toContain("weekly-close");
    expect(await weeklyRuns()).toHaveLength(3);

    reachable = true;
    const askedWhileDown = asked;
    clock = new Date("2026-11-30T16:05:30Z");
    await scheduler.tick();
    expect(asked).toBe(askedWhileDown); // not hammered: the next try is a minute after the failure

    clock = new Date("2026-11-30T16:06:00Z");
    await scheduler.tick();
    expect((await weeklyRuns()).map((r) => r.trigger).at(-1)).toBe("scheduler:2026-11-30T16:05:00.000Z");
  });
});
