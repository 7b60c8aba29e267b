import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import type { EventInput } from "@/server/schemas/events";
import { backfillAchievement, backfillBatch } from "@/server/services/achievements";
import { getLearnerAchievements, markAchievementsSeen } from "@/server/services/learner-achievements";
import { getLearnerStats, getLearnerStreak, updateLearner } from "@/server/services/learner-profile";
import { adminActor } from "@/server/services/audit";
import { adjustPoints } from "@/server/services/point-adjustment";
import { setOrganisationTimezone } from "@/server/services/periods";
import { bumpConfigVersion } from "@/server/services/rules";
import { setUpTestDatabase } from "@/test/database";
import { courseDone, lesson, login, recordAll } from "@/test/engine-fixtures";

// Each scenario makes in its setup all that its tests read, and a test that changes a learner has a learner of
// its own, so the tests pass in any order. The stats scenario has a database of its own, so its ranks are those
// of its own two learners; the others use September.

const db = (await setUpTestDatabase()).prisma;
const ingest = (events: EventInput[]) => recordAll(db, events);

/** `count` easy lessons on one day (no streak points). */
function lessons(userId: string, count: number, occurredAt: string, courseId = "lessons-course"): EventInput[] {
  return Array.from({ length: count }, (_, i) => lesson(userId, `l${i}`, occurredAt, { courseId }));
}

async function earnedKeys(userId: string): Promise<string[]> {
  return (await getLearnerAchievements(db, userId)).earned.map((a) => a.key);
}

/** An achievement as an admin would add it; the config version bump makes the engine see it. */
async function createAchievement(data: { key: string; kind: string; threshold: number; points: number }) {
  const achievement = await db.achievement.create({ data: { name: data.key, ...data } });
  await bumpConfigVersion(db);
  return achievement;
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe("getLearnerStats (now: Wednesday 2026-11-25)", async () => {
  const db = (await setUpTestDatabase()).prisma;
  const ingest = (events: EventInput[]) => recordAll(db, events);
  const now = new Date("2026-11-25T12:00:00Z"); // this week started Monday November 23

  beforeAll(async () => {
    await ingest([
      lesson("stats-ada", "l1", "2026-10-28T09:00:00Z", { courseId: "stats-course" }), // 10, October
      lesson("stats-ada", "l2", "2026-11-10T09:00:00Z", { courseId: "stats-course", difficulty: "medium" }), // 25, this month
      lesson("stats-ada", "l3", "2026-11-23T09:00:00Z", { courseId: "stats-course", difficulty: "hard" }), // 50, this week
      lesson("stats-ada", "l4", "2026-11-24T09:00:00Z", { courseId: "stats-course" }), // 10 + 5 streak day
      courseDone("stats-ada", "stats-course", "2026-11-25T09:00:00Z"), // 100 + 50 "First Course" + 5 streak day
      courseDone("stats-bob", "stats-hard-course", "2026-10-20T09:00:00Z", { difficulty: "hard" }), // 500 + 50
    ]);
  });

  it("gives points, ranks, completions, streak and achievements in the documented shape", async () => {
    await expect(getLearnerStats(db, "stats-ada", now)).resolves.toEqual({
      userId: "stats-ada",
      displayName: "stats-ada",
      timezone: "UTC",
      points: { allTime: 255, weekly: 220, monthly: 245 },
      rank: { allTime: 2, weekly: 1, monthly: 1 },
      lessonsCompleted: 4,
      coursesCompleted: 1,
      streak: { current: 3, longest: 3, lastActiveDate: "2026-11-25", activeToday: true, freezes: { available: 0, usedOn: [] } },
      achievementsEarned: 1,
      level: { number: 3, name: "Apprentice", points: 255, currentAt: 230, nextAt: 400 },
    });
  });

  it("gives a null rank and 0 points for a period without points", async () => {
    const bob = await getLearnerStats(db, "stats-bob", now);
    expect(bob.points).toEqual({ allTime: 550, weekly: 0, monthly: 0 });
    expect(bob.rank).toEqual({ allTime: 1, weekly: null, monthly: null });
  });

  it("reads the streak at the given moment: yesterday keeps it, the day after breaks it", async () => {
    const tomorrow = await getLearnerStats(db, "stats-ada", new Date("2026-11-26T12:00:00Z"));
    expect(tomorrow.streak).toEqual({
      current: 3,
      longest: 3,
      lastActiveDate: "2026-11-25",
      activeToday: false,
      freezes: { available: 0, usedOn: [] },
    });
    const later = await getLearnerStats(db, "stats-ada", new Date("2026-11-27T12:00:00Z"));
    expect(later.streak).toEqual({
      current: 0,
      longest: 3,
      lastActiveDate: "2026-11-25",
      activeToday: false,
      freezes: { available: 0, usedOn: [] },
    });
    const bob = await getLearnerStreak(db, "stats-bob", now);
    expect(bob).toEqual({
      current: 0,
      longest: 1,
      lastActiveDate: "2026-10-20",
      activeToday: false,
      timezone: "UTC",
      freezes: { available: 0, usedOn: [] },
    });
  });

  it("uses the user id as display name until one is given", async () => {
    expect((await getLearnerStats(db, "stats-bob", now)).displayName).toBe("stats-bob");
    await ingest([login("stats-bob", "2026-10-20T10:00:00Z", { user: { displayName: "Bob Builder" } })]);
    expect((await getLearnerStats(db, "stats-bob", now)).displayName).toBe("Bob Builder");
  });

  it("gives the organisation's zone to a learner without one, and the learner's own otherwise", async () => {
    await ingest([login("stats-cleo", "2026-11-25T08:00:00Z", { user: { timezone: "Europe/Paris" } })]);
    expect((await getLearnerStats(db, "stats-cleo", now)).timezone).toBe("Europe/Paris");
    await setOrganisationTimezone(db, "America/New_York");
    try {
      expect((await getLearnerStats(db, "stats-ada", now)).timezone).toBe("America/New_York");
      expect((await getLearnerStats(db, "stats-cleo", now)).timezone).toBe("Europe/Paris");
    } finally {
      await setOrganisationTimezone(db, "UTC");
    }
  });

  it("answers NOT_FOUND for an unknown learner", async () => {
    await expectAppError(getLearnerStats(db, "stats-nobody", now), "NOT_FOUND");
  });
});

describe("getLearnerAchievements and markAchievementsSeen", () => {
  beforeAll(async () => {
    // Ivy is only read; Jo and Kim, who earned the same, are marked.
    await ingest(
      ["badge-ivy", "badge-jo", "badge-kim"].flatMap((userId) => [
        ...lessons(userId, 7, "2026-09-01T09:00:00Z"),
        // A course with no earlier event in it: "First Course" and "Perfect Course", but no speed award.
        courseDone(userId, "badge-course", "2026-09-01T12:00:00Z", { score: 100 }),
      ]),
    );
  });

  it("lists earned achievements, unseen, with when they were earned", async () => {
    const { earned } = await getLearnerAchievements(db, "badge-ivy");
    expect(earned.map((a) => a.key).sort()).toEqual(["courses-1", "perfect-course"]);
    expect(earned.find((a) => a.key === "courses-1")).toEqual({
      key: "courses-1",
      name: "First Course",
      description: "Complete your first course.",
      iconUrl: "icon:graduation-cap",
      points: 50,
      earnedAt: "2026-09-01T12:00:00.000Z",
      seen: false,
    });
  });

  it("lists active achievements not earned yet with their progress", async () => {
    const { inProgress } = await getLearnerAchievements(db, "badge-ivy");
    const progress = Object.fromEntries(inProgress.map((a) => [a.key, a.progress]));
    expect(progress["lessons-10"]).toEqual({ current: 7, target: 10 });
    expect(progress["courses-5"]).toEqual({ current: 1, target: 5 });
    expect(progress["streak-7"]).toEqual({ current: 1, target: 7 });
    expect(progress).not.toHaveProperty("courses-1");
    expect(progress).not.toHaveProperty("perfect-course");
    expect(inProgress.find((a) => a.key === "lessons-10")).toMatchObject({ name: "Ten Lessons", points: 50 });
  });

  it("marks earned achievements seen and says how many changed, ignoring keys not earned", async () => {
    await expect(markAchievementsSeen(db, "badge-jo", ["courses-1", "lessons-10", "no-such-key"])).resolves.toBe(1);
    const seen = Object.fromEntries((await getLearnerAchievements(db, "badge-jo")).earned.map((a) => [a.key, a.seen]));
    expect(seen).toEqual({ "courses-1": true, "perfect-course": false });
  });

  it("ignores keys already seen", async () => {
    await markAchievementsSeen(db, "badge-kim", ["courses-1"]);
    await expect(markAchievementsSeen(db, "badge-kim", ["courses-1", "perfect-course"])).resolves.toBe(1);
    await expect(markAchievementsSeen(db, "badge-kim", ["courses-1", "perfect-course"])).resolves.toBe(0);
    const { earned } = await getLearnerAchievements(db, "badge-kim");
    expect(earned.every((a) => a.seen)).toBe(true);
  });

  it("answers NOT_FOUND for an unknown learner", async () => {
    await expectAppError(getLearnerAchievements(db, "badge-nobody"), "NOT_FOUND");
    await expectAppError(markAchievementsSeen(db, "badge-nobody", ["courses-1"]), "NOT_FOUND");
  });
});

describe("updateLearner", () => {
  const now = new Date("2026-09-11T06:00:00Z"); // September 11th, 18:00 in Auckland

  beforeAll(async () => {
    // September 10th in UTC, the 11th in Auckland. Each test has a learner of its own; those of the later
    // tests have moved to Auckland already.
    await ingest(["move-uma", "move-vic", "move-wes", "move-xia"].map((userId) => login(userId, "2026-09-10T23:30:00Z")));
    for (const userId of ["move-vic", "move-wes", "move-xia"]) {
      await updateLearner(db, userId, { displayName: "Uma", timezone: "Pacific/Auckland" }, now);
    }
  });

  it("changes the display name and the zone, and answers with the stats", async () => {
    const stats = await updateLearner(db, "move-uma", { displayName: "Uma", timezone: "Pacific/Auckland" }, now);
    expect(stats).toMatchObject({ userId: "move-uma", displayName: "Uma", timezone: "Pacific/Auckland" });
  });

  it("does not rewrite past active days when the zone changes", async () => {
    const streak = await getLearnerStreak(db, "move-vic", now);
    expect(streak).toMatchObject({ lastActiveDate: "2026-09-10", longest: 1, timezone: "Pacific/Auckland" });
  });

  it("counts later events in the new zone", async () => {
    // 05:00 UTC on the 11th is 17:00 in Auckland: the day after the kept September 10th.
    await ingest([login("move-wes", "2026-09-11T05:00:00Z")]);
    const stats = await getLearnerStats(db, "move-wes", now);
    expect(stats.streak).toEqual({
      current: 2,
      longest: 2,
      lastActiveDate: "2026-09-11",
      activeToday: true,
      freezes: { available: 0, usedOn: [] },
    });
    expect(stats.points.allTime).toBe(5); // one streak day
  });

  it("keeps what is not changed", async () => {
    const stats = await updateLearner(db, "move-xia", { displayName: "Uma B." }, now);
    expect(stats).toMatchObject({ displayName: "Uma B.", timezone: "Pacific/Auckland" });
    expect(await updateLearner(db, "move-xia", { timezone: "Europe/Oslo" }, now)).toMatchObject({
      displayName: "Uma B.",
      timezone: "Europe/Oslo",
    });
  });

  it("answers NOT_FOUND for an unknown learner", async () => {
    await expectAppError(updateLearner(db, "move-nobody", { displayName: "X" }, now), "NOT_FOUND");
  });
});

describe("adjustPoints", () => {
  const now = new Date("2026-09-15T12:00:00Z");
  let admin: { id: number; email: string };
  let added: Awaited<ReturnType<typeof adjustPoints>>;

  const adjust = (userId: string, points: number, reason: string) => adjustPoints(db, { userId, points, reason }, adminActor(admin), now);

  beforeAll(async () => {
    admin = await db.adminUser.create({ data: { email: "points-admin@example.test", passwordHash: "not-a-real-hash" } });
    await ingest(lessons("adjust-al", 1, "2026-09-15T09:00:00Z")); // 10
    // The adjustment the ledger and audit tests read; the negative one has a learner of its own, at 50.
    added = await adjust("adjust-al", 40, "Helped a classmate");
    await ingest(lessons("adjust-bo", 5, "2026-09-15T09:00:00Z"));
  });

  /** What an adjustment could have written: the learner's total, ledger and the audit log. */
  async function footprint(userId: string) {
    const learner = await db.learner.findUniqueOrThrow({ where: { userId } });
    return {
      points: learner.points,
      ledgerRows: await db.ledgerEntry.count({ where: { learnerId: learner.id } }),
      auditRows: await db.auditLog.count(),
    };
  }

  it("adds the points to the all-time total and to the period of the adjustment", async () => {
    expect(added).toEqual({ points: 50, achievementsUnlocked: [] });
    const stats = await getLearnerStats(db, "adjust-al", now);
    expect(stats.points).toEqual({ allTime: 50, weekly: 50, monthly: 50 });
  });

  it("writes a ledger row with the reason and the admin", async () => {
    const learner = await db.learner.findUniqueOrThrow({ where: { userId: "adjust-al" } });
    const rows = await db.ledgerEntry.findMany({ where: { learnerId: learner.id, reason: "adjustment" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ points: 40, note: "Helped a classmate", adminId: admin.id, occurredAt: now });
  });

  it("writes an audit log row naming the admin, the learner and the reason", async () => {
    const rows = await db.auditLog.findMany({ where: { action: "points.adjust", target: "learner:adjust-al" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ adminId: admin.id, actor: admin.email });
    expect(rows[0]!.details).toMatchObject({ points: 40, reason: "Helped a classmate" });
  });

  it("accepts a negative adjustment", async () => {
    await expect(adjust("adjust-bo", -15, "Duplicate lesson report")).resolves.toMatchObject({ points: 35 });
    expect((await getLearnerStats(db, "adjust-bo", now)).points.allTime).toBe(35);
  });

  it("rejects 0 points (or a fraction) with BAD_REQUEST and stores nothing", async () => {
    const before = await footprint("adjust-al");
    await expectAppError(adjust("adjust-al", 0, "Nothing at all"), "BAD_REQUEST");
    await expectAppError(adjust("adjust-al", 1.5, "Half a lesson"), "BAD_REQUEST");
    expect(await footprint("adjust-al")).toEqual(before);
  });

  it("rejects an empty reason with BAD_REQUEST and stores nothing", async () => {
    const before = await footprint("adjust-al");
    await expectAppError(adjust("adjust-al", 10, ""), "BAD_REQUEST");
    await expectAppError(adjust("adjust-al", 10, "   "), "BAD_REQUEST");
    expect(await footprint("adjust-al")).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown learner and writes no audit row", async () => {
    const auditRows = await db.auditLog.count();
    await expectAppError(adjust("adjust-nobody", 10, "Welcome gift"), "NOT_FOUND");
    expect(await db.auditLog.count()).toBe(auditRows);
  });
});

describe("backfilling a new achievement", () => {
  // Lessons completed per learner. No other learner in this file has 8 lessons or more.
  const cohort: Record<string, number> = {
    "back-01": 9,
    "back-02": 8,
    "back-03": 2,
    "back-04": 9,
    "back-05": 9,
    "back-06": 9,
    "back-07": 3,
    "back-08": 8,
    "back-09": 9,
  };
  const withAtLeast = (n: number) => Object.keys(cohort).filter((u) => cohort[u]! >= n);

  const totals = async () =>
    Object.fromEntries(
      await Promise.all(Object.keys(cohort).map(async (u) => [u, (await getLearnerStats(db, u)).points.allTime] as const)),
    );

  // The first backfill, with what each learner had before and after it (the batches test adds lessons-9).
  let before: Record<string, number>;
  let progress: Awaited<ReturnType<typeof backfillAchievement>>;
  let after: Record<string, number>;
  let earned: Record<string, string[]>;

  beforeAll(async () => {
    await ingest(Object.entries(cohort).flatMap(([userId, n]) => lessons(userId, n, "2026-09-20T09:00:00Z")));
    before = await totals();
    const achievement = await createAchievement({ key: "lessons-8", kind: "lessons_completed", threshold: 8, points: 20 });
    progress = await backfillAchievement(db, achievement.id);
    after = await totals();
    earned = Object.fromEntries(await Promise.all(Object.keys(cohort).map(async (u) => [u, await earnedKeys(u)] as const)));
  });

  it("awards a new achievement to exactly the learners who already qualify, with its points", async () => {
    expect(progress).toMatchObject({ awarded: withAtLeast(8).length, done: true });

    for (const userId of Object.keys(cohort)) {
      const qualifies = cohort[userId]! >= 8;
      expect(earned[userId], userId).toEqual(qualifies ? ["lessons-8"] : []);
      expect(after[userId], userId).toBe(before[userId]! + (qualifies ? 20 : 0));
    }
  });

  it("awards nothing more when run again", async () => {
    const before = await totals();
    const achievement = await db.achievement.findUniqueOrThrow({ where: { key: "lessons-8" } });
    await expect(backfillAchievement(db, achievement.id)).resolves.toMatchObject({ awarded: 0, done: true });
    expect(await totals()).toEqual(before);
    expect(await earnedKeys("back-02")).toEqual(["lessons-8"]); // 8 lessons: lessons-9 never reaches it
  });

  it("works through the learners in batches, each picking up after the last", async () => {
    const achievement = await createAchievement({ key: "lessons-9", kind: "lessons_completed", threshold: 9, points: 30 });
    const batches: number[] = [];
    let after = 0;
    for (let done = false; !done;) {
      const batch = await backfillBatch(db, achievement.id, after, 2);
      batches.push(batch.awarded);
      after = batch.lastLearnerId;
      done = batch.done;
    }
    expect(batches).toEqual([2, 2, 1]); // five learners have 9 lessons
    for (const userId of Object.keys(cohort)) {
      expect((await earnedKeys(userId)).includes("lessons-9"), userId).toBe(cohort[userId]! >= 9);
    }
    await expect(backfillBatch(db, achievement.id, 0, 2)).resolves.toMatchObject({ awarded: 0, done: true });
  });
});
