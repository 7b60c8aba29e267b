import { afterAll, expect, it } from "vitest";
import { openDatabase, type Database } from "@/server/db";
import { startScheduler, type Scheduler, type SlotReport } from "@/server/jobs/scheduler";
import { setUpTestDatabase } from "@/test/database";
import { closedWeekFacts, seedEndedWeek } from "@/test/ended-week";

// Three instances of the app, each with its own scheduler and its own connection pool, on one PostgreSQL
// database, their ticks racing at the same instants: each scheduled slot runs once (the slot's row in
// scheduled_slot is inserted by one of them), at the slot and in the catch-up after they were all down.

const database = await setUpTestDatabase();
const week = await seedEndedWeek(database.prisma, "2026-11-23", "trio");

const instances: Database[] = await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url!, poolSize: 5 })));
afterAll(async () => {
  for (const i of instances) await i.close();
});

let clock = new Date("2026-11-30T10:04:59Z");
const reports: SlotReport[] = [];
const startAll = (): Scheduler[] =>
  instances.map((i) => startScheduler({ database: async () => i.prisma, now: () => clock, tickMs: 0, onReport: (r) => reports.push(r) }));
const tickAll = (schedulers: Scheduler[]) => Promise.all(schedulers.map((s) => s.tick()));
const weeklyOutcomes = (slot: string) =>
  reports
    .filter((r) => r.job === "weekly-close" && r.slotAt.toISOString() === slot)
    .map((r) => r.outcome)
    .sort();
const weeklyRuns = () => database.prisma.jobRun.findMany({ where: { job: "weekly-close" }, orderBy: { id: "asc" } });

it("three instances close the ended week once: one run, one period_close row, the period_rank achievement awarded once", async () => {
  const schedulers = startAll();
  await tickAll(schedulers);
  clock = new Date("2026-11-30T10:05:00Z");
  await tickAll(schedulers);

  expect(weeklyOutcomes("2026-11-30T10:05:00.000Z")).toEqual(["ran", "taken", "taken"]);
  const runs = await weeklyRuns();
  expect(runs.map((r) => [r.trigger, r.status])).toEqual([["scheduler:2026-11-30T10:05:00.000Z", "succeeded"]]);
  expect(runs[0]!.result).toEqual({ closed: ["2026-11-23"], achievementsAwarded: 1 });
  expect(await closedWeekFacts(database.prisma, week)).toEqual({ closes: 1, holders: [week.winner] });
  // Every other job's slot ran once too.
  expect(reports.filter((r) => r.job === "webhook-delivery" && r.outcome === "ran")).toHaveLength(1);

  await Promise.all(schedulers.map((s) => s.stop()));
});

it("started together after all were down, they run the latest missed slot once", async () => {
  clock = new Date("2026-11-30T13:30:00Z");
  const schedulers = startAll();
  await tickAll(schedulers);
  expect(weeklyOutcomes("2026-11-30T13:05:00.000Z")).toEqual(["ran", "taken", "taken"]);
  expect((await weeklyRuns()).map((r) => r.trigger)).toEqual(["scheduler:2026-11-30T10:05:00.000Z", "scheduler:2026-11-30T13:05:00.000Z"]);
  expect(await closedWeekFacts(database.prisma, week)).toEqual({ closes: 1, holders: [week.winner] });
  await Promise.all(schedulers.map((s) => s.stop()));
});
