import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvents } from "@/server/services/events";
import { runJobWork, recordRun } from "@/server/services/job-runs";
import { getLeaderboard } from "@/server/services/leaderboards";
import { closePeriod } from "@/server/services/periods";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { createWebhookEndpoint } from "@/server/services/webhooks";
import { createTestDatabase } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";

// A closed week, from outside: its payload counts what a receiver reads as "the learners on the board", and
// the nightly refresh repairs its frozen standings from the ledger like any other board.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const WEEK = "2026-11-16";
const NOW = new Date("2026-12-02T12:00:00Z");
const learner = (n: number) => `w-${String(n).padStart(2, "0")}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await createWebhookEndpoint(
    db.prisma,
    { url: "http://127.0.0.1:9/hooks", eventTypes: ["leaderboard.period_closed"] },
    { adminId: null, actor: "test" },
    { allowPrivate: true },
  );
  // Twelve learners in the week: w-01..w-08 in course c-a, w-05..w-12 in course c-b (w-05..w-08 in both).
  const events = [];
  for (let n = 1; n <= 12; n++) {
    if (n <= 8) events.push(lesson(learner(n), `a-${n}`, "2026-11-17T09:00:00Z", { courseId: "c-a", difficulty: "medium" }));
    if (n >= 5) events.push(lesson(learner(n), `b-${n}`, "2026-11-18T09:00:00Z", { courseId: "c-b" }));
  }
  const results = await recordEvents(db.prisma, events, { now: NOW });
  expect(results.every((r) => r.status === "created")).toBe(true);
  expect((await closePeriod(db.prisma, "weekly", WEEK, NOW)).closed).toBe(true);
});
afterAll(() => db.drop());

const weekBoard = () => getLeaderboard(db.prisma, { courseId: null, period: "weekly", at: WEEK, limit: 50, offset: 0 }, NOW);
const ledgerSum = async (userId: string) => {
  const [row] = await db.query<{ points: number }>(
    `SELECT sum(e.points)::int AS points FROM ledger_entry e JOIN learner l ON l.id = e.learner_id
     WHERE l.user_id = $1 AND e.occurred_at >= '2026-11-16T00:00:00Z' AND e.occurred_at < '2026-11-23T00:00:00Z'`,
    [userId],
  );
  return row!.points;
};

describe("leaderboard.period_closed", () => {
  it("counts the learners of the global board, and each course board apart", async () => {
    const deliveries = await db.prisma.webhookDelivery.findMany({ where: { type: "leaderboard.period_closed" } });
    expect(deliveries).toHaveLength(1);
    const data = (deliveries[0]!.payload as { data: Record<string, unknown> }).data;
    expect(data.entries).toBe(12);
    expect(data.courses).toEqual([
      { courseId: "c-a", entries: 8 },
      { courseId: "c-b", entries: 8 },
    ]);
    expect((await weekBoard()).total).toBe(12);
  });
});

describe("leaderboard-refresh on a closed week", () => {
  it("repairs a frozen board row changed by hand, and verify is clean afterwards", async () => {
    const expected = await ledgerSum("w-06");
    await db.exec(
      `UPDATE board_score SET points = points + 3 WHERE user_id = 'w-06' AND period = 'weekly' AND course_id = '' AND period_start = '${WEEK}'`,
    );
    const shown = async () => (await weekBoard()).entries.find((e) => e.userId === "w-06")!.points;
    expect(await shown()).toBe(expected + 3);
    expect((await findDrift(db.prisma)).periodBoards).toBe(1);

    const result = await recordRun(db.prisma, "leaderboard-refresh", "cli", () => runJobWork(db.prisma, "leaderboard-refresh"));
    expect(result).toMatchObject({ driftFound: { periodBoards: 1 }, driftAfterRepair: { periodBoards: 0, histograms: 0 } });
    expect(await shown()).toBe(expected);
    expect(totalDrift(await findDrift(db.prisma))).toBe(0);
    const run = await db.prisma.jobRun.findFirstOrThrow({ where: { job: "leaderboard-refresh" }, orderBy: { id: "desc" } });
    expect(run.status).toBe("succeeded");
    // The week's ranks close up around the repaired score: still 12 ranked, no one else moved.
    expect((await weekBoard()).total).toBe(12);
  });

  it("keeps late points aside when it repairs: the frozen board holds what was known at the close", async () => {
    // A lesson dated in the closed week, arriving after the close: all-time only.
    await recordEvents(db.prisma, [lesson("w-07", "late-1", "2026-11-19T09:00:00Z", { courseId: "c-a" })], { now: NOW });
    const frozen = (await weekBoard()).entries.find((e) => e.userId === "w-07")!.points;
    const latePoints = async () =>
      (
        await db.query<{ points: number }>(
          `SELECT b.points FROM board_late_points b JOIN learner l ON l.id = b.learner_id WHERE l.user_id = 'w-07' AND b.course_id = '' AND b.period = 'weekly'`,
        )
      )[0]!.points;
    // The lesson's 10 points and the streak day it continues (the 17th and 18th were active): 15, all late.
    expect(await latePoints()).toBe(15);
    await db.exec(`UPDATE board_late_points SET points = points + 4 WHERE period = 'weekly' AND course_id = ''`);
    await db.exec(
      `UPDATE board_score SET points = points - 2 WHERE user_id = 'w-07' AND period = 'weekly' AND course_id = '' AND period_start = '${WEEK}'`,
    );
    expect(totalDrift(await findDrift(db.prisma))).toBeGreaterThan(0);
    await recordRun(db.prisma, "leaderboard-refresh", "cli", () => runJobWork(db.prisma, "leaderboard-refresh"));
    expect((await weekBoard()).entries.find((e) => e.userId === "w-07")!.points).toBe(frozen);
    expect(await latePoints()).toBe(15);
    expect(totalDrift(await findDrift(db.prisma))).toBe(0);
  });

  it("records a run that leaves drift as failed, with what it found", async () => {
    // A writer that keeps breaking one row (as a bug elsewhere would) defeats the repair.
    await db.exec(`
      CREATE FUNCTION test_keep_drift() RETURNS trigger AS $$ BEGIN NEW.points := NEW.points + 1; RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_keep_drift BEFORE UPDATE ON board_score FOR EACH ROW WHEN (NEW.user_id = 'w-09') EXECUTE FUNCTION test_keep_drift();
      UPDATE board_score SET points = points WHERE user_id = 'w-09' AND period = 'weekly' AND course_id = '';`);
    try {
      const failed = await recordRun(db.prisma, "leaderboard-refresh", "cli", () => runJobWork(db.prisma, "leaderboard-refresh")).catch(
        (e: Error) => e,
      );
      expect(failed).toBeInstanceOf(Error);
      const run = await db.prisma.jobRun.findFirstOrThrow({ where: { job: "leaderboard-refresh" }, orderBy: { id: "desc" } });
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/Drift remains/);
      expect(run.result).toMatchObject({ driftAfterRepair: { periodBoards: 1 } });
    } finally {
      await db.exec(`DROP TRIGGER test_keep_drift ON board_score; DROP FUNCTION test_keep_drift();`);
    }
  });
});
