import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import type { EventInput } from "@/server/schemas/events";
import { backfillAchievement } from "@/server/services/achievements";
import { getAroundLearner, getLeaderboard, getLearnerStanding, type BoardEntry, type BoardRef } from "@/server/services/leaderboards";
import { getLearnerAchievements } from "@/server/services/learner-achievements";
import { getLearnerStats } from "@/server/services/learner-profile";
import { closeEndedPeriods, closePeriod } from "@/server/services/periods";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { bumpConfigVersion } from "@/server/services/rules";
import { setUpTestDatabase } from "@/test/database";
import { lesson, recordAll } from "@/test/engine-fixtures";

// Each scenario uses its own weeks, and makes in its setup all that its tests read, so they pass in any order.
// A close reaches every period with points, and its period_rank awards land in the next period, so three
// scenarios have a database of their own: closeEndedPeriods (which closes whatever ended), the period_rank
// achievements (which every later close would award), and the backfill over every closed week.

const hard = (userId: string, lessonId: string, at: string, courseId: string) =>
  lesson(userId, lessonId, at, { courseId, difficulty: "hard" }); // 50
const medium = (userId: string, lessonId: string, at: string, courseId: string) =>
  lesson(userId, lessonId, at, { courseId, difficulty: "medium" }); // 25
const easy = (userId: string, lessonId: string, at: string, courseId: string) => lesson(userId, lessonId, at, { courseId }); // 10

const short = (entries: BoardEntry[]) => entries.map((e) => [e.rank, e.userId, e.points] as const);

/** What the scenarios do and read, on one database. */
function scenarioOn(db: PrismaClient) {
  return {
    ingest: (events: EventInput[]) => recordAll(db, events),
    board: (ref: BoardRef) => getLeaderboard(db, { ...ref, limit: 100, offset: 0 }),
    allTimePoints: async (userId: string) => (await getLearnerStats(db, userId)).points.allTime,
    earnedKeys: async (userId: string) => (await getLearnerAchievements(db, userId)).earned.map((a) => a.key),
    /** An achievement as an admin would add it; the config version bump makes the engine see it. */
    createAchievement: async (data: { key: string; kind: string; threshold: number; period?: string; points: number }) => {
      const achievement = await db.achievement.create({ data: { name: data.key, ...data } });
      await bumpConfigVersion(db);
      return achievement;
    },
  };
}

const db = (await setUpTestDatabase()).prisma;
const { ingest, board, allTimePoints } = scenarioOn(db);

describe("closing a week freezes its standings (week of Monday 2026-10-05)", () => {
  const week: BoardRef = { courseId: null, period: "weekly", at: "2026-10-07" };
  const courseWeek: BoardRef = { courseId: "frozen-course", period: "weekly", at: "2026-10-07" };
  const frozen = [
    [1, "frozen-a", 50],
    [2, "frozen-b", 25],
    [3, "frozen-c", 10],
  ] as const;
  let result: Awaited<ReturnType<typeof closePeriod>>;
  let atClose: { global: BoardEntry[]; course: BoardEntry[] };

  beforeAll(async () => {
    await ingest([
      hard("frozen-a", "l1", "2026-10-06T09:00:00Z", "frozen-course"),
      medium("frozen-b", "l1", "2026-10-06T09:00:00Z", "frozen-course"),
      easy("frozen-c", "l1", "2026-10-06T09:00:00Z", "frozen-course"),
    ]);
    result = await closePeriod(db, "weekly", "2026-10-05");
    atClose = { global: (await board(week)).entries, course: (await board(courseWeek)).entries };
    // Events of the closed week that arrive after the close.
    await ingest([
      hard("frozen-c", "l2", "2026-10-06T15:00:00Z", "frozen-course"), // would put frozen-c first
      easy("frozen-late", "l1", "2026-10-08T09:00:00Z", "frozen-course"), // a learner new to the week
    ]);
  });

  it("closes the week with a snapshot of the global and the course boards", async () => {
    // `entries` counts the global board's ranked learners (issue 25: not the global and course boards added up).
    expect(result).toMatchObject({ period: "weekly", periodStart: "2026-10-05", closed: true, entries: 3 });
    expect(short(atClose.global)).toEqual(frozen);
    expect(short(atClose.course)).toEqual(frozen);
  });

  it("keeps the closed week's boards unchanged when events of that week arrive later", async () => {
    const global = await board(week);
    expect(global.total).toBe(3);
    expect(short(global.entries)).toEqual(frozen);
    const course = await board(courseWeek);
    expect(course.total).toBe(3);
    expect(short(course.entries)).toEqual(frozen);
  });

  it("still counts the late points in all-time totals and in the open month: nothing is lost", async () => {
    expect(await allTimePoints("frozen-c")).toBe(60);
    expect(await allTimePoints("frozen-late")).toBe(10);
    const allTime = await board({ courseId: "frozen-course", period: "all-time" });
    expect(short(allTime.entries)).toEqual([
      [1, "frozen-c", 60],
      [2, "frozen-a", 50],
      [3, "frozen-b", 25],
      [4, "frozen-late", 10],
    ]);
    const october = await board({ courseId: null, period: "monthly", at: "2026-10-07" });
    expect(october.entries.find((e) => e.userId === "frozen-c")?.points).toBe(60);
    // Kept aside as late points, so the learners' weeks still add up to all-time: `gamify verify` agrees.
    const late = await db.$queryRaw<{ user_id: string; course_id: string; points: number }[]>`
      SELECT l.user_id, p.course_id, p.points FROM board_late_points p JOIN learner l ON l.id = p.learner_id
      WHERE p.period = 'weekly' AND p.period_start = '2026-10-05' ORDER BY l.user_id, p.course_id`;
    expect(late).toEqual([
      { user_id: "frozen-c", course_id: "", points: 50 },
      { user_id: "frozen-c", course_id: "frozen-course", points: 50 },
      { user_id: "frozen-late", course_id: "", points: 10 },
      { user_id: "frozen-late", course_id: "frozen-course", points: 10 },
    ]);
    expect(totalDrift(await findDrift(db))).toBe(0);
  });

  it("answers around-me and standings on the closed week from the frozen standings", async () => {
    const around = await getAroundLearner(db, { ...week, userId: "frozen-c", radius: 1 });
    expect(around.me).toMatchObject({ rank: 3, points: 10 });
    expect(short(around.entries)).toEqual(frozen.slice(1));
    const late = await getAroundLearner(db, { ...week, userId: "frozen-late", radius: 1 });
    expect(late).toMatchObject({ me: null, entries: [] });

    const learner = await db.learner.findUniqueOrThrow({ where: { userId: "frozen-c" } });
    await expect(getLearnerStanding(db, learner.id, week)).resolves.toEqual({ points: 10, rank: 3 });
  });

  it("keeps the period bounds in the closed board's header", async () => {
    const page = await board(week);
    expect(page).toMatchObject({ periodStart: "2026-10-05T00:00:00.000Z", periodEnd: "2026-10-12T00:00:00.000Z" });
  });

  it("closes a week only once: a second close changes nothing", async () => {
    const again = await closePeriod(db, "weekly", "2026-10-05");
    expect(again).toMatchObject({ closed: false, entries: 0 });
    const global = await board(week);
    expect(global.total).toBe(3);
    expect(short(global.entries)).toEqual(frozen);
    expect(await db.periodClose.count({ where: { period: "weekly", periodStart: new Date("2026-10-05") } })).toBe(1);
  });
});

describe("two concurrent closes of one week (week of Monday 2026-10-12)", () => {
  beforeAll(async () => {
    await ingest([
      medium("race-a", "l1", "2026-10-13T09:00:00Z", "race-course"),
      easy("race-b", "l1", "2026-10-13T09:00:00Z", "race-course"),
    ]);
  });

  it("produce one snapshot", async () => {
    const results = await Promise.all([closePeriod(db, "weekly", "2026-10-12"), closePeriod(db, "weekly", "2026-10-12")]);
    expect(results.map((r) => r.closed).sort()).toEqual([false, true]);
    const page = await board({ courseId: null, period: "weekly", at: "2026-10-14" });
    expect(page.total).toBe(2);
    expect(short(page.entries)).toEqual([
      [1, "race-a", 25],
      [2, "race-b", 10],
    ]);
    expect(await db.periodClose.count({ where: { period: "weekly", periodStart: new Date("2026-10-12") } })).toBe(1);
  });
});

describe("closeEndedPeriods (now: Wednesday 2026-11-25)", async () => {
  const db = (await setUpTestDatabase()).prisma;
  const { ingest, board } = scenarioOn(db);
  const now = new Date("2026-11-25T12:00:00Z");
  const thisWeek: BoardRef = { courseId: null, period: "weekly", at: "2026-11-24" };
  let closedWeeks: Awaited<ReturnType<typeof closeEndedPeriods>>;

  beforeAll(async () => {
    // An October week closed on time, as the job would have: its month is still open.
    await ingest([easy("on-time-1", "l1", "2026-10-06T09:00:00Z", "missed-course")]);
    await closePeriod(db, "weekly", "2026-10-05", now);
    // Three ended weeks with data, none closed (as if the job had missed them), and the current week.
    await ingest([
      easy("missed-1", "l1", "2026-11-03T09:00:00Z", "missed-course"),
      easy("missed-2", "l1", "2026-11-10T09:00:00Z", "missed-course"),
      easy("missed-3", "l1", "2026-11-17T09:00:00Z", "missed-course"),
      easy("current-1", "l1", "2026-11-24T09:00:00Z", "missed-course"),
    ]);
    closedWeeks = await closeEndedPeriods(db, "weekly", now);
  });

  it("closes every ended week not closed yet, oldest first", async () => {
    expect(closedWeeks.map((r) => [r.periodStart, r.closed])).toEqual([
      ["2026-11-02", true],
      ["2026-11-09", true],
      ["2026-11-16", true],
    ]);
  });

  it("never closes the current week: it keeps counting new events", async () => {
    await ingest([medium("current-2", "l1", "2026-11-25T09:00:00Z", "missed-course")]);
    const page = await board(thisWeek);
    expect(short(page.entries)).toEqual([
      [1, "current-2", 25],
      [2, "current-1", 10],
    ]);
  });

  it("closes nothing more when run again", async () => {
    await expect(closeEndedPeriods(db, "weekly", now)).resolves.toEqual([]);
  });

  it("freezes each missed week's board", async () => {
    await ingest([hard("missed-late", "l1", "2026-11-11T09:00:00Z", "missed-course")]);
    const week = await board({ courseId: null, period: "weekly", at: "2026-11-11" });
    expect(short(week.entries)).toEqual([[1, "missed-2", 10]]);
  });

  it("closes ended months the same way, but not the current month", async () => {
    const results = await closeEndedPeriods(db, "monthly", now);
    expect(results.map((r) => [r.period, r.periodStart, r.closed])).toEqual([["monthly", "2026-10-01", true]]);
    await expect(closeEndedPeriods(db, "monthly", now)).resolves.toEqual([]);
  });
});

describe("period_rank achievements (week of Monday 2026-09-07)", async () => {
  const db = (await setUpTestDatabase()).prisma;
  const { ingest, board, allTimePoints, earnedKeys, createAchievement } = scenarioOn(db);
  const TOP_TWO_POINTS = 75;
  let result: Awaited<ReturnType<typeof closePeriod>>;

  beforeAll(async () => {
    await createAchievement({ key: "weekly-top-2", kind: "period_rank", threshold: 2, period: "weekly", points: TOP_TWO_POINTS });
    await ingest([
      hard("podium-a", "l1", "2026-09-08T09:00:00Z", "podium-course"), // 50: rank 1
      medium("podium-b", "l1", "2026-09-08T09:00:00Z", "podium-course"), // 25: rank 2
      medium("podium-c", "l1", "2026-09-08T09:00:00Z", "podium-course"), // 25: rank 2
      easy("podium-d", "l1", "2026-09-08T09:00:00Z", "podium-course"), // 10: rank 4
      // The best learner of the next week (not closed here), with more points than anyone.
      hard("podium-e", "l1", "2026-09-15T09:00:00Z", "podium-course"),
      hard("podium-e", "l2", "2026-09-15T09:00:00Z", "podium-course"),
    ]);
    result = await closePeriod(db, "weekly", "2026-09-07");
  });

  it("is awarded, when the week closes, to the learners ranked within the threshold (ties included)", async () => {
    expect(result.achievementsAwarded).toBe(3);
    for (const userId of ["podium-a", "podium-b", "podium-c"]) expect(await earnedKeys(userId), userId).toContain("weekly-top-2");
  });

  it("is not awarded to learners below the threshold, nor to the best learner of another week", async () => {
    expect(await earnedKeys("podium-d")).not.toContain("weekly-top-2");
    expect(await earnedKeys("podium-e")).not.toContain("weekly-top-2");
  });

  it("adds its points to the learner's total", async () => {
    expect(await allTimePoints("podium-a")).toBe(50 + TOP_TWO_POINTS);
    expect(await allTimePoints("podium-b")).toBe(25 + TOP_TWO_POINTS);
    expect(await allTimePoints("podium-d")).toBe(10);
  });

  it("leaves the closed week's board as it was at the close", async () => {
    const week = await board({ courseId: null, period: "weekly", at: "2026-09-09" });
    expect(short(week.entries).map((row) => row.join(" "))).toEqual(["1 podium-a 50", "2 podium-b 25", "2 podium-c 25", "4 podium-d 10"]);
  });

  it("is awarded once: closing again awards nothing and changes no total", async () => {
    const again = await closePeriod(db, "weekly", "2026-09-07");
    expect(again).toMatchObject({ closed: false, achievementsAwarded: 0 });
    expect(await allTimePoints("podium-a")).toBe(50 + TOP_TWO_POINTS);
    const earned = (await getLearnerAchievements(db, "podium-a")).earned.filter((a) => a.key === "weekly-top-2");
    expect(earned).toHaveLength(1);
  });

  it("is not awarded by a monthly close when it is for weeks", async () => {
    // Only podium-e has points in the month without holding it yet: the monthly close must not award it.
    const result = await closePeriod(db, "monthly", "2026-09-01");
    expect(result).toMatchObject({ closed: true, achievementsAwarded: 0 });
    expect(await earnedKeys("podium-e")).not.toContain("weekly-top-2");
  });
});

describe("a period_rank achievement created after weeks have closed", async () => {
  const db = (await setUpTestDatabase()).prisma;
  const { ingest, board, earnedKeys, createAchievement } = scenarioOn(db);

  beforeAll(async () => {
    // Weeks closed before the achievement existed, each with one winner; and October's month, which frozen-c
    // leads with points that came after its week had closed.
    await ingest([
      hard("podium-a", "l1", "2026-09-08T09:00:00Z", "history-course"),
      medium("podium-b", "l1", "2026-09-08T09:00:00Z", "history-course"),
      hard("frozen-a", "l1", "2026-10-06T09:00:00Z", "history-course"),
      easy("frozen-c", "l1", "2026-10-06T09:00:00Z", "history-course"),
      medium("race-a", "l1", "2026-10-13T09:00:00Z", "history-course"),
      easy("missed-1", "l1", "2026-11-03T09:00:00Z", "history-course"),
      easy("missed-2", "l1", "2026-11-10T09:00:00Z", "history-course"),
      easy("missed-3", "l1", "2026-11-17T09:00:00Z", "history-course"),
    ]);
    for (const week of ["2026-09-07", "2026-10-05", "2026-10-12", "2026-11-02", "2026-11-09", "2026-11-16"]) {
      await closePeriod(db, "weekly", week);
    }
    await ingest([hard("frozen-c", "l2", "2026-10-06T15:00:00Z", "history-course")]);
    await closePeriod(db, "monthly", "2026-10-01");
  });

  it("when created after weeks have closed, is awarded by the backfill to the winners of those weeks", async () => {
    const closedWeeks = await db.periodClose.findMany({ where: { period: "weekly" } });
    const winners = new Set<string>();
    for (const close of closedWeeks) {
      const at = close.periodStart.toISOString().slice(0, 10);
      const page = await board({ courseId: null, period: "weekly", at });
      for (const e of page.entries.filter((x) => x.rank === 1)) winners.add(e.userId);
    }
    expect(winners).toEqual(new Set(["frozen-a", "race-a", "missed-1", "missed-2", "missed-3", "podium-a"]));

    const achievement = await createAchievement({ key: "weekly-winner", kind: "period_rank", threshold: 1, period: "weekly", points: 30 });
    const progress = await backfillAchievement(db, achievement.id);
    expect(progress.awarded).toBe(winners.size);
    for (const userId of winners) expect(await earnedKeys(userId), userId).toContain("weekly-winner");
    expect(await earnedKeys("podium-b")).not.toContain("weekly-winner");
    expect(await earnedKeys("frozen-c")).not.toContain("weekly-winner"); // first of October, a monthly close
    await expect(backfillAchievement(db, achievement.id)).resolves.toMatchObject({ awarded: 0 });
  });
});

describe("closing a period that has not ended", () => {
  it("is refused and stores nothing", async () => {
    const { closePeriod: close } = await import("@/server/services/periods");
    const before = await db.periodClose.count();
    await expect(close(db, "weekly", "2026-11-23", new Date("2026-11-26T12:00:00Z"))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.periodClose.count()).toBe(before);
  });
});
