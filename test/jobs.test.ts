import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db";
import { openAppTestDatabase } from "@/test/app-database";
import { recordEvent } from "@/server/services/events";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { getLeaderboard } from "@/server/services/leaderboards";
import { achievementBackfill } from "@/server/jobs/functions/achievement-backfill";
import { leaderboardRefresh } from "@/server/jobs/functions/leaderboard-refresh";
import { monthlyClose } from "@/server/jobs/functions/monthly-close";
import { streakCheck } from "@/server/jobs/functions/streak-check";
import { weeklyClose } from "@/server/jobs/functions/weekly-close";
import { lesson, login } from "@/test/engine-fixtures";

// The Inngest functions run their steps for real (through @inngest/test, since the Inngest dev server cannot
// be downloaded here) against the app's own database handle, pointed at a test database.
let app: Awaited<ReturnType<typeof openAppTestDatabase>>;
let db: Database;

beforeAll(async () => {
  app = await openAppTestDatabase();
  db = app.db;
});
afterAll(() => app.close());

const run = (fn: ConstructorParameters<typeof InngestTestEngine>[0]["function"], name: string, data: Record<string, unknown> = {}) =>
  new InngestTestEngine({ function: fn, events: [{ name, data }] }).execute();

describe("period close jobs", () => {
  it("close every ended week once, and record their runs", async () => {
    for (const [u, d] of [
      ["wk-a", "2026-11-02"],
      ["wk-b", "2026-11-03"],
      ["wk-a", "2026-11-10"],
      ["wk-b", "2026-11-17"],
    ] as const) {
      await recordEvent(db.prisma, lesson(u, `l-${d}`, `${d}T10:00:00Z`));
    }
    const first = await run(weeklyClose, "gamification/period.close-requested", { period: "weekly" });
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ closed: expect.arrayContaining(["2026-11-02", "2026-11-09", "2026-11-16"]) });
    const second = await run(weeklyClose, "gamification/period.close-requested", { period: "weekly" });
    expect(second.result).toMatchObject({ closed: [] });
    expect(await db.prisma.periodClose.count({ where: { period: "weekly", periodStart: new Date("2026-11-02") } })).toBe(1);

    // A late event for a closed week counts all-time, while the week's board stays frozen.
    await recordEvent(db.prisma, lesson("wk-c", "l-late", "2026-11-04T10:00:00Z", { difficulty: "hard" }));
    const week = await getLeaderboard(db.prisma, { courseId: null, period: "weekly", at: "2026-11-04", limit: 10, offset: 0 });
    expect(week.entries.map((e) => e.userId)).toEqual(["wk-a", "wk-b"]);
    const allTime = await getLeaderboard(db.prisma, { courseId: null, period: "all-time", limit: 10, offset: 0 });
    expect(allTime.entries[0]).toMatchObject({ userId: "wk-c", points: 50 });

    const runs = await db.prisma.jobRun.findMany({ where: { job: "weekly-close" }, orderBy: { id: "asc" } });
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.status === "succeeded" && r.finishedAt)).toBe(true);
  });

  it("close ended months; a request for the other period is skipped", async () => {
    const skipped = await run(monthlyClose, "gamification/period.close-requested", { period: "weekly" });
    expect(skipped.result).toEqual({ skipped: true });
    await recordEvent(db.prisma, login("mo-a", "2026-10-15T10:00:00Z"));
    await recordEvent(db.prisma, lesson("mo-a", "l-oct", "2026-10-15T11:00:00Z"));
    const closed = await run(monthlyClose, "gamification/period.close-requested", { period: "monthly" });
    // October, and any other ended month that other tests here gave points to; never the current month.
    const months = (closed.result as { closed: string[] }).closed;
    expect(months).toContain("2026-10-01");
    expect(months.every((m) => m < new Date().toISOString().slice(0, 7))).toBe(true);
  });
});

describe("achievement backfill job", () => {
  it("awards exactly the learners who qualify, in several batches, once", async () => {
    for (let u = 0; u < 5; u++) {
      for (let l = 0; l <= u; l++) await recordEvent(db.prisma, lesson(`bf-${u}`, `l-${l}`, "2026-11-20T10:00:00Z"));
    }
    const achievement = await db.prisma.achievement.create({
      data: { key: "lessons-3-late", name: "Three Lessons", kind: "lessons_completed", threshold: 3, points: 30 },
    });
    const result = await run(achievementBackfill, "gamification/achievement.backfill-requested", {
      achievementId: achievement.id,
      batchSize: 2,
    });
    expect(result.error).toBeUndefined();
    // bf-2, bf-3, bf-4 have 3+ lessons (and earlier test learners have fewer).
    expect(result.result).toMatchObject({ awarded: 3 });
    expect((result.result as { batches: number }).batches).toBeGreaterThanOrEqual(2);
    const holders = await db.prisma.learnerAchievement.findMany({ where: { achievementId: achievement.id }, include: { learner: true } });
    expect(holders.map((h) => h.learner.userId).sort()).toEqual(["bf-2", "bf-3", "bf-4"]);
    const bf4 = await db.prisma.learner.findUniqueOrThrow({ where: { userId: "bf-4" } });
    expect(bf4.points).toBe(50 + 30);
    const again = await run(achievementBackfill, "gamification/achievement.backfill-requested", {
      achievementId: achievement.id,
      batchSize: 2,
    });
    expect(again.result).toMatchObject({ awarded: 0 });
    expect(totalDrift(await findDrift(db.prisma))).toBe(0);
  });
});

describe("leaderboard refresh job", () => {
  it("finds and repairs a corrupted total, board and histogram", async () => {
    expect(totalDrift(await findDrift(db.prisma))).toBe(0);
    const victim = await db.prisma.learner.findUniqueOrThrow({ where: { userId: "bf-3" } });
    await db.prisma.learner.update({ where: { id: victim.id }, data: { points: 99_999 } });
    await db.exec(`UPDATE board_score SET points = points + 7 WHERE learner_id = ${victim.id} AND period = 'all-time' AND course_id = ''`);
    await db.exec(`UPDATE board_histogram SET learners = learners + 3 WHERE period = 'all-time' AND course_id = ''`);
    const result = await run(leaderboardRefresh, "gamification/leaderboards.refresh-requested");
    const { driftFound, driftAfterRepair } = result.result as {
      driftFound: Record<string, number>;
      driftAfterRepair: Record<string, number>;
    };
    expect(driftFound.learnerPoints).toBe(1);
    expect(driftFound.allTimeBoards).toBe(1);
    expect(driftFound.histograms).toBeGreaterThan(0);
    expect(totalDrift(driftAfterRepair as never)).toBe(0);
    expect((await db.prisma.learner.findUniqueOrThrow({ where: { id: victim.id } })).points).toBe(4 * 10 + 30);
  });
});

describe("streak check job", () => {
  it("marks ended streaks and counts those at risk, without changing what the API reports", async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString();
    await recordEvent(db.prisma, login("sc-risk", yesterday));
    const result = await run(streakCheck, "gamification/streaks.check-requested");
    expect(result.result).toMatchObject({ atRisk: expect.any(Number), broken: expect.any(Number) });
    expect((result.result as { atRisk: number }).atRisk).toBeGreaterThanOrEqual(1);
    const ended = await db.prisma.learner.findUniqueOrThrow({ where: { userId: "wk-a" } });
    expect(ended.streakBrokenOn?.toISOString().slice(0, 10)).toBe("2026-11-12");
    const risk = await db.prisma.learner.findUniqueOrThrow({ where: { userId: "sc-risk" } });
    expect(risk.streakBrokenOn).toBeNull();
    const again = await run(streakCheck, "gamification/streaks.check-requested");
    expect((again.result as { broken: number }).broken).toBe(0);
  });
});

describe("the Inngest endpoint", () => {
  it("serves the function list", async () => {
    process.env.INNGEST_DEV = "1";
    const { GET } = await import("@/app/api/inngest/route");
    const res = await GET(new Request("http://127.0.0.1/api/inngest") as never, undefined as never);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ function_count: 8 });
  });
});
