import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/database";
import { recordEvent, recordEvents } from "@/server/services/events";
import { AppError } from "@/server/errors";
import { courseDone, courseStart, event, lesson, login } from "@/test/engine-fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const now = new Date("2026-11-25T12:00:00Z");
const record = (e: unknown) => recordEvent(db.prisma, e, { now });
const learner = (userId: string) => db.prisma.learner.findUniqueOrThrow({ where: { userId } });
const ledgerOf = async (userId: string) => db.prisma.ledgerEntry.findMany({ where: { learner: { userId } }, orderBy: { id: "asc" } });

describe("points for activities", () => {
  it("pays lessons and courses by difficulty, easy by default", async () => {
    const u = "pts-1";
    const awards = [];
    for (const [i, difficulty] of (["easy", "medium", "hard", undefined] as const).entries()) {
      const r = await record(lesson(u, `l-${i}`, "2026-11-25T09:00:00Z", { difficulty }));
      awards.push(r.outcome.awards.find((a) => a.reason === "lesson.completed")?.points);
    }
    expect(awards).toEqual([10, 25, 50, 10]);
    const courses = [];
    for (const [i, difficulty] of (["easy", "medium", "hard", undefined] as const).entries()) {
      const r = await record(courseDone(u, `c-pts-${i}`, "2026-11-25T09:30:00Z", { difficulty }));
      courses.push(r.outcome.awards.find((a) => a.reason === "course.completed")?.points);
    }
    expect(courses).toEqual([100, 250, 500, 100]);
  });

  it("earns a lesson once and a course once; repeating still counts as activity", async () => {
    const u = "pts-2";
    const first = await record(lesson(u, "l-1", "2026-11-23T09:00:00Z", { courseId: "c-9" }));
    expect(first.outcome.pointsAwarded).toBe(10);
    const again = await record(lesson(u, "l-1", "2026-11-24T09:00:00Z", { courseId: "c-9", difficulty: "hard" }));
    // No lesson points, but the new day continues the streak.
    expect(again.outcome.awards).toEqual([{ reason: "streak.day", points: 5 }]);
    expect(again.outcome.totals.lessonsCompleted).toBe(1);
    expect(again.outcome.streak).toEqual({ current: 2, longest: 2 });
    // The same lesson id in another course is another lesson.
    const other = await record(lesson(u, "l-1", "2026-11-24T10:00:00Z", { courseId: "c-10" }));
    expect(other.outcome.pointsAwarded).toBe(10);
    await record(courseDone(u, "c-9", "2026-11-24T11:00:00Z"));
    const twice = await record(courseDone(u, "c-9", "2026-11-24T12:00:00Z", { difficulty: "hard" }));
    expect(twice.outcome.pointsAwarded).toBe(0);
    expect(twice.outcome.totals.coursesCompleted).toBe(1);
  });

  it("gives a login no points by default and lists no zero award", async () => {
    const r = await record(login("pts-3", "2026-11-25T08:00:00Z"));
    expect(r.status).toBe("created");
    expect(r.outcome.pointsAwarded).toBe(0);
    expect(r.outcome.awards).toEqual([]);
    expect(r.outcome.streak.current).toBe(1);
    expect(await ledgerOf("pts-3")).toEqual([]);
  });

  it("applies a per-course override and a changed rule to later events only", async () => {
    const u = "pts-4";
    const before = await record(lesson(u, "l-1", "2026-11-25T08:00:00Z", { courseId: "c-over" }));
    expect(before.outcome.pointsAwarded).toBe(10);
    await db.prisma.course.upsert({ where: { id: "c-over" }, update: {}, create: { id: "c-over" } });
    await db.prisma.coursePointOverride.create({
      data: { courseId: "c-over", lessonEasy: 7, lessonMedium: 70, lessonHard: 700, courseEasy: 1, courseMedium: 2, courseHard: 3 },
    });
    await db.prisma.orgSettings.update({ where: { id: 1 }, data: { configVersion: { increment: 1 } } });
    const after = await record(lesson(u, "l-2", "2026-11-25T08:10:00Z", { courseId: "c-over", difficulty: "medium" }));
    expect(after.outcome.pointsAwarded).toBe(70);
    const elsewhere = await record(lesson(u, "l-3", "2026-11-25T08:20:00Z", { courseId: "c-plain", difficulty: "medium" }));
    expect(elsewhere.outcome.pointsAwarded).toBe(25);
    expect((await learner(u)).points).toBe(105);
  });

  it("creates the courses and lessons an event names in each database, whatever another database knows", async () => {
    await record(lesson("cat-1", "l-cat", "2026-11-25T09:00:00Z", { courseId: "c-cat" }));
    const other = await createTestDatabase();
    try {
      const r = await recordEvent(other.prisma, lesson("cat-1", "l-cat", "2026-11-25T09:00:00Z", { courseId: "c-cat" }), { now });
      expect(r.outcome.pointsAwarded).toBe(10);
      expect(await other.prisma.lesson.count({ where: { courseId: "c-cat", id: "l-cat" } })).toBe(1);
    } finally {
      await other.drop();
    }
  });

  it("creates learners on their first event, named by their id until a display name comes", async () => {
    await record(login("new-1", "2026-11-25T08:00:00Z"));
    expect((await learner("new-1")).displayName).toBeNull();
    await record(login("new-1", "2026-11-25T09:00:00Z", { user: { displayName: "Ada Lovelace", timezone: "Europe/Paris" } }));
    expect(await learner("new-1")).toMatchObject({ displayName: "Ada Lovelace", timezone: "Europe/Paris" });
  });
});

describe("idempotency", () => {
  it("returns the first outcome for a repeated id and changes nothing", async () => {
    const e = lesson("dup-1", "l-1", "2026-11-25T08:00:00Z", { difficulty: "medium" });
    const first = await record(e);
    const second = await record(structuredClone(e));
    expect(second.status).toBe("duplicate");
    expect(second.outcome).toEqual({ ...first.outcome, duplicate: true });
    expect((await learner("dup-1")).points).toBe(25);
    expect(await ledgerOf("dup-1")).toHaveLength(1);
  });

  it("treats the same id with another payload as a conflict, storing nothing", async () => {
    const e = lesson("dup-2", "l-1", "2026-11-25T08:00:00Z");
    await record(e);
    const err = await record({ ...e, lessonId: "l-2" }).catch((x) => x);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("CONFLICT");
    expect((await learner("dup-2")).lessonsCompleted).toBe(1);
  });

  it("records the same event sent twenty times at once exactly once", async () => {
    const e = lesson("dup-3", "l-1", "2026-11-25T08:00:00Z", { difficulty: "hard" });
    const results = await Promise.all(Array.from({ length: 20 }, () => record(structuredClone(e))));
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(19);
    expect(new Set(results.map((r) => r.outcome.pointsAwarded))).toEqual(new Set([50]));
    expect((await learner("dup-3")).points).toBe(50);
    expect(await ledgerOf("dup-3")).toHaveLength(1);
  });

  it("loses none of thirty different events sent at once for one learner", async () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      lesson("conc-1", `l-${i}`, `2026-11-${String(1 + (i % 20)).padStart(2, "0")}T08:00:00Z`),
    );
    const results = await Promise.all(events.map((e) => record(e)));
    expect(results.every((r) => r.status === "created")).toBe(true);
    const l = await learner("conc-1");
    expect(l.lessonsCompleted).toBe(30);
    // 30 lessons (300) + 19 streak days (days 2..20) x 5 + lessons-10 (50) + streak-7 (50)
    expect(l.longestStreak).toBe(20);
    expect(l.points).toBe(300 + 19 * 5 + 50 + 50);
    const sum = (await ledgerOf("conc-1")).reduce((n, r) => n + r.points, 0);
    expect(sum).toBe(l.points);
  });
});

describe("bad input", () => {
  const valid = {
    id: "bad-ok",
    type: "lesson.completed",
    userId: "bad-1",
    occurredAt: "2026-11-25T08:00:00Z",
    courseId: "c-1",
    lessonId: "l-1",
  };
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ["missing id", { id: undefined }, ["id"]],
    ["unknown type", { type: "lesson.started" }, ["type"]],
    ["missing userId", { userId: undefined }, ["userId"]],
    ["too long userId", { userId: "u".repeat(129) }, ["userId"]],
    ["malformed date", { occurredAt: "25/11/2026" }, ["occurredAt"]],
    ["date without zone", { occurredAt: "2026-11-25T08:00:00" }, ["occurredAt"]],
    ["impossible date", { occurredAt: "2026-02-31T08:00:00Z" }, ["occurredAt"]],
    ["far future", { occurredAt: "2099-01-01T00:00:00Z" }, ["occurredAt"]],
    ["lesson without course", { courseId: undefined }, ["courseId"]],
    ["lesson without lesson id", { lessonId: undefined }, ["lessonId"]],
    ["bad difficulty", { difficulty: "extreme" }, ["difficulty"]],
    ["score out of range", { score: 101 }, ["score"]],
    ["fractional score", { score: 99.5 }, ["score"]],
    ["bad time zone", { user: { timezone: "Mars/Olympus" } }, ["user", "timezone"]],
    ["userId of wrong type", { userId: 42 }, ["userId"]],
  ];
  for (const [name, change, path] of cases) {
    it(`rejects ${name}, naming ${path.join(".")}, storing nothing`, async () => {
      const err = await record({ ...valid, id: `bad-${name}`, ...change }).catch((x) => x);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.issues.map((i: { path: unknown[] }) => i.path)).toContainEqual(path);
      expect(await db.prisma.learner.count({ where: { userId: "bad-1" } })).toBe(0);
    });
  }

  it("rejects one bad event in a batch alone", async () => {
    const results = await recordEvents(
      db.prisma,
      [
        lesson("batch-1", "l-1", "2026-11-25T08:00:00Z"),
        { ...valid, id: "batch-bad", userId: "batch-1", score: "high" },
        lesson("batch-1", "l-2", "2026-11-25T08:05:00Z"),
      ],
      { now },
    );
    expect(results.map((r) => r.status)).toEqual(["created", "error", "created"]);
    expect(results[1]!.error!.issues![0]!.path).toEqual(["score"]);
    expect((await learner("batch-1")).lessonsCompleted).toBe(2);
    expect(await db.prisma.event.count({ where: { id: "batch-bad" } })).toBe(0);
  });
});

describe("batches", () => {
  // What a learner ends with, and what each event answered: the same whether sent one by one or in a batch.
  const stateOf = async (userId: string) => {
    const l = await learner(userId);
    const ledger = await ledgerOf(userId);
    return {
      points: l.points,
      lessons: l.lessonsCompleted,
      courses: l.coursesCompleted,
      longest: l.longestStreak,
      achievements: (await db.prisma.learnerAchievement.findMany({ where: { learnerId: l.id }, include: { achievement: true } }))
        .map((a) => a.achievement.key)
        .sort(),
      ledger: ledger.map((r) => [r.reason, r.points, r.occurredAt.toISOString()]),
    };
  };
  const week = (userId: string) => [
    courseStart(userId, "c-week", "2026-11-16T08:00:00Z"),
    ...Array.from({ length: 10 }, (_, d) =>
      lesson(userId, `l-${d}`, `2026-11-${String(16 + (d % 7)).padStart(2, "0")}T09:00:00Z`, { courseId: "c-week" }),
    ),
    lesson(userId, "l-0", "2026-11-23T09:00:00Z", { courseId: "c-week", difficulty: "hard" }),
    courseDone(userId, "c-week", "2026-11-16T20:00:00Z", { score: 100 }),
    courseDone(userId, "c-week", "2026-11-23T20:00:00Z", { difficulty: "hard" }),
  ];

  it("applies a batch's events in order, exactly as if they were sent one by one", async () => {
    const single = week("batch-seq");
    const outcomes = [];
    for (const e of single) outcomes.push((await record(e)).outcome);
    const results = await recordEvents(db.prisma, week("batch-all"), { now });
    expect(results.map((r) => r.status)).toEqual(single.map(() => "created"));
    const strip = (o: { eventId: string }) => ({ ...o, eventId: undefined });
    expect(results.map((r) => strip(r.result!))).toEqual(outcomes.map(strip));
    expect(await stateOf("batch-all")).toEqual(await stateOf("batch-seq"));
    // Streak days, ten lessons, a perfect and speedy first course: the badges arrive in the batch too.
    expect((await stateOf("batch-all")).achievements).toEqual(["courses-1", "lessons-10", "perfect-course", "speed-course", "streak-7"]);
  });

  it("answers an id repeated within a batch as a duplicate of its first, and another payload under it as a conflict", async () => {
    const first = lesson("batch-rep", "l-1", "2026-11-25T08:00:00Z", { id: "batch-rep-1" });
    const results = await recordEvents(db.prisma, [first, { ...first }, { ...first, lessonId: "l-2" }], { now });
    expect(results.map((r) => r.status)).toEqual(["created", "duplicate", "error"]);
    expect(results[1]!.result).toEqual({ ...results[0]!.result!, duplicate: true });
    expect(results[2]!.error!.code).toBe("CONFLICT");
    expect((await learner("batch-rep")).lessonsCompleted).toBe(1);
  });

  it("loses and doubles nothing when concurrent batches share learners, in any order", async () => {
    const users = Array.from({ length: 6 }, (_, i) => `batch-conc-${i}`);
    const events = users.flatMap((u) => week(u));
    // Four batches, each a different shuffle of a different slice, sent at once; then all of them again.
    const shuffled = (xs: typeof events, seed: number) => {
      const out = [...xs];
      for (let i = out.length - 1, x = seed + 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        const j = x % (i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };
    const slices = [0, 1, 2, 3].map((k) =>
      shuffled(
        events.filter((_, i) => i % 4 === k),
        k,
      ),
    );
    const results = (await Promise.all(slices.map((batch) => recordEvents(db.prisma, batch, { now })))).flat();
    expect(results.every((r) => r.status === "created")).toBe(true);
    const again = (await Promise.all(slices.map((batch) => recordEvents(db.prisma, batch, { now })))).flat();
    expect(again.every((r) => r.status === "duplicate")).toBe(true);
    for (const u of users) {
      const s = await stateOf(u);
      // Order-independent totals (DOMAIN.md): 10 lessons, 1 course, an 8-day run (16-23 November) and its 7 streak days.
      expect({ lessons: s.lessons, courses: s.courses, longest: s.longest }).toEqual({ lessons: 10, courses: 1, longest: 8 });
      expect(s.points).toBe(s.ledger.reduce((n, [, p]) => n + (p as number), 0));
      expect(s.ledger.filter(([reason]) => reason === "streak.day")).toHaveLength(7);
      expect(s.achievements).toEqual(expect.arrayContaining(["courses-1", "lessons-10", "streak-7"]));
    }
  });
});

describe("streaks", () => {
  it("counts consecutive days, pays 5 for each day continuing a streak, and reads current at any moment", async () => {
    const u = "streak-1";
    for (const d of ["20", "21", "22", "24", "25"]) await record(login(u, `2026-11-${d}T10:00:00Z`));
    const l = await learner(u);
    expect(l.longestStreak).toBe(3);
    expect(l.points).toBe(3 * 5); // 21, 22, 25
    const { streakOf } = await import("@/server/services/learner-profile");
    expect(streakOf(l, "UTC", new Date("2026-11-25T23:00:00Z")).current).toBe(2);
    expect(streakOf(l, "UTC", new Date("2026-11-26T23:00:00Z")).current).toBe(2); // yesterday still counts
    expect(streakOf(l, "UTC", new Date("2026-11-27T00:00:01Z")).current).toBe(0); // no job needed
  });

  it("a late event that fills a gap joins the runs and pays the day after it too", async () => {
    const u = "streak-2";
    for (const d of ["20", "21", "23", "24"]) await record(login(u, `2026-11-${d}T10:00:00Z`));
    expect((await learner(u)).points).toBe(10);
    const late = await record(login(u, "2026-11-22T10:00:00Z"));
    expect(late.outcome.awards).toEqual([
      { reason: "streak.day", points: 5 },
      { reason: "streak.day", points: 5 },
    ]);
    expect(late.outcome.streak).toEqual({ current: 5, longest: 5 });
    const rows = (await ledgerOf(u)).filter((r) => r.reason === "streak.day");
    // The 23rd's streak points are dated at the first known event of the 23rd.
    expect(rows.map((r) => r.occurredAt.toISOString()).sort()).toEqual([
      "2026-11-21T10:00:00.000Z",
      "2026-11-22T10:00:00.000Z",
      "2026-11-23T10:00:00.000Z",
      "2026-11-24T10:00:00.000Z",
    ]);
  });

  it("counts days in the learner's zone across New York's DST changes", async () => {
    const u = "streak-ny";
    const tz = { user: { timezone: "America/New_York" } };
    // 2026-03-07 23:30 EST, 2026-03-08 (23-hour day) 23:30 EDT, 2026-03-09 00:30 EDT
    await record(login(u, "2026-03-08T04:30:00Z", tz));
    await record(login(u, "2026-03-09T03:30:00Z"));
    await record(login(u, "2026-03-09T04:30:00Z"));
    // Fall back: 2026-11-01 is 25 hours long; 00:30 and 23:30 local are the same day.
    await record(login(u, "2026-11-01T04:30:00Z"));
    await record(login(u, "2026-11-02T04:30:00Z"));
    const days = await db.prisma.activeDay.findMany({ where: { learner: { userId: u } }, orderBy: { day: "asc" } });
    expect(days.map((d) => d.day.toISOString().slice(0, 10))).toEqual(["2026-03-07", "2026-03-08", "2026-03-09", "2026-11-01"]);
    expect((await learner(u)).longestStreak).toBe(3);
  });

  it("uses +5:30 and +14 zones", async () => {
    await record(login("streak-in", "2026-11-20T18:29:00Z", { user: { timezone: "Asia/Kolkata" } })); // 23:59 on the 20th
    await record(login("streak-in", "2026-11-20T18:31:00Z")); // 00:01 on the 21st
    expect((await learner("streak-in")).longestStreak).toBe(2);
    await record(login("streak-ki", "2026-11-20T09:59:00Z", { user: { timezone: "Pacific/Kiritimati" } })); // 23:59 on the 20th
    await record(login("streak-ki", "2026-11-20T10:01:00Z")); // 00:01 on the 21st
    expect((await learner("streak-ki")).longestStreak).toBe(2);
  });

  it("applies a zone change to later events and never rewrites past days", async () => {
    const u = "streak-move";
    await record(login(u, "2026-11-20T23:30:00Z", { user: { timezone: "UTC" } })); // the 20th in UTC
    await record(login(u, "2026-11-21T23:30:00Z", { user: { timezone: "Asia/Tokyo" } })); // the 22nd in Tokyo
    const days = await db.prisma.activeDay.findMany({ where: { learner: { userId: u } }, orderBy: { day: "asc" } });
    expect(days.map((d) => d.day.toISOString().slice(0, 10))).toEqual(["2026-11-20", "2026-11-22"]);
    expect((await learner(u)).timezone).toBe("Asia/Tokyo");
  });
});

describe("achievements at ingestion", () => {
  it("unlocks lessons-10 at the tenth distinct lesson, with its points in the same response", async () => {
    const u = "ach-1";
    let last;
    for (let i = 0; i < 10; i++) last = await record(lesson(u, `l-${i}`, "2026-11-25T08:00:00Z", { difficulty: "medium" }));
    expect(last!.outcome.achievementsUnlocked).toEqual([{ key: "lessons-10", name: "Ten Lessons", points: 50 }]);
    expect(last!.outcome.awards).toEqual([
      { reason: "lesson.completed", points: 25 },
      { reason: "achievement:lessons-10", points: 50 },
    ]);
    expect(last!.outcome.pointsAwarded).toBe(75);
    expect(last!.outcome.totals.points).toBe(300);
    const more = await record(lesson(u, "l-10", "2026-11-25T09:00:00Z"));
    expect(more.outcome.achievementsUnlocked).toEqual([]);
  });

  it("unlocks courses-1 and perfect-course on a perfect first course", async () => {
    const r = await record(courseDone("ach-2", "c-p", "2026-11-25T08:00:00Z", { score: 100 }));
    expect(r.outcome.achievementsUnlocked.map((a) => a.key).sort()).toEqual(["courses-1", "perfect-course"]);
    expect(r.outcome.pointsAwarded).toBe(100 + 50 + 100);
  });

  it("counts a perfect score on a repeated completion toward perfect-course", async () => {
    await record(courseDone("ach-3", "c-q", "2026-11-24T08:00:00Z", { score: 80 }));
    const r = await record(courseDone("ach-3", "c-q", "2026-11-24T09:00:00Z", { score: 100 }));
    expect(r.outcome.achievementsUnlocked.map((a) => a.key)).toEqual(["perfect-course"]);
  });

  it("unlocks speed-course for a course completed within 24 hours of starting it", async () => {
    await record(courseStart("ach-4", "c-s", "2026-11-24T08:00:00Z"));
    const r = await record(courseDone("ach-4", "c-s", "2026-11-25T07:59:00Z"));
    expect(r.outcome.achievementsUnlocked.map((a) => a.key)).toContain("speed-course");
  });

  it("does not unlock speed-course after 24 hours, or without a strictly earlier event", async () => {
    await record(courseStart("ach-5", "c-s", "2026-11-23T08:00:00Z"));
    const slow = await record(courseDone("ach-5", "c-s", "2026-11-24T08:01:00Z"));
    expect(slow.outcome.achievementsUnlocked.map((a) => a.key)).not.toContain("speed-course");
    const alone = await record(courseDone("ach-6", "c-s", "2026-11-24T08:00:00Z"));
    expect(alone.outcome.achievementsUnlocked.map((a) => a.key)).not.toContain("speed-course");
    const same = await record(courseStart("ach-6", "c-s", "2026-11-24T08:00:00Z"));
    expect(same.outcome.achievementsUnlocked).toEqual([]);
  });

  it("unlocks speed-course when the course.started arrives after the completion", async () => {
    await record(courseDone("ach-7", "c-s", "2026-11-24T20:00:00Z"));
    const late = await record(courseStart("ach-7", "c-s", "2026-11-24T09:00:00Z"));
    expect(late.outcome.achievementsUnlocked.map((a) => a.key)).toEqual(["speed-course"]);
    const row = await db.prisma.learnerAchievement.findFirstOrThrow({
      where: { learner: { userId: "ach-7" }, achievement: { key: "speed-course" } },
    });
    expect(row.earnedAt.toISOString()).toBe("2026-11-24T09:00:00.000Z");
  });

  it("unlocks streak-7 when a late event fills the gap in a week", async () => {
    const u = "ach-8";
    for (const d of ["10", "11", "12", "14", "15", "16"]) await record(login(u, `2026-11-${d}T10:00:00Z`));
    const r = await record(login(u, "2026-11-13T10:00:00Z"));
    expect(r.outcome.achievementsUnlocked.map((a) => a.key)).toEqual(["streak-7"]);
  });

  it("awards an achievement once when two events cross its threshold at the same time", async () => {
    const u = "ach-9";
    for (let i = 0; i < 8; i++) await record(lesson(u, `l-${i}`, "2026-11-25T08:00:00Z"));
    const [a, b] = await Promise.all([
      record(lesson(u, "l-8", "2026-11-25T08:10:00Z")),
      record(lesson(u, "l-9", "2026-11-25T08:10:00Z")),
      record(lesson(u, "l-10", "2026-11-25T08:10:00Z")),
    ]);
    void a;
    void b;
    const earned = await db.prisma.learnerAchievement.count({ where: { learner: { userId: u }, achievement: { key: "lessons-10" } } });
    expect(earned).toBe(1);
    expect((await learner(u)).points).toBe(11 * 10 + 50);
  });

  it("excludes achievement points from total_points, so achievements do not chain", async () => {
    await db.prisma.achievement.create({
      data: { key: "points-100", name: "Hundred Points", kind: "total_points", threshold: 100, points: 1000 },
    });
    await db.prisma.orgSettings.update({ where: { id: 1 }, data: { configVersion: { increment: 1 } } });
    const u = "ach-10";
    // One easy course: 100 points of activity plus courses-1 (50): total_points counts the 100 only.
    const r = await record(courseDone(u, "c-t", "2026-11-25T08:00:00Z"));
    expect(r.outcome.achievementsUnlocked.map((a) => a.key).sort()).toEqual(["courses-1", "points-100"]);
    const u2 = "ach-11";
    for (let i = 0; i < 9; i++) await record(lesson(u2, `l-${i}`, "2026-11-25T08:00:00Z"));
    const tenth = await record(lesson(u2, "l-9", "2026-11-25T08:00:00Z"));
    // 100 activity points reached at the tenth lesson; lessons-10's 50 do not count toward it.
    expect(tenth.outcome.achievementsUnlocked.map((a) => a.key).sort()).toEqual(["lessons-10", "points-100"]);
    await db.prisma.achievement.update({ where: { key: "points-100" }, data: { active: false } });
    await db.prisma.orgSettings.update({ where: { id: 1 }, data: { configVersion: { increment: 1 } } });
  });

  it("never awards a deactivated achievement, and learners keep what they earned", async () => {
    await db.prisma.achievement.update({ where: { key: "courses-1" }, data: { active: false } });
    await db.prisma.orgSettings.update({ where: { id: 1 }, data: { configVersion: { increment: 1 } } });
    const r = await record(courseDone("ach-12", "c-x", "2026-11-25T08:00:00Z"));
    expect(r.outcome.achievementsUnlocked).toEqual([]);
    expect(await db.prisma.learnerAchievement.count({ where: { learner: { userId: "ach-2" }, achievement: { key: "courses-1" } } })).toBe(
      1,
    );
    await db.prisma.achievement.update({ where: { key: "courses-1" }, data: { active: true } });
    await db.prisma.orgSettings.update({ where: { id: 1 }, data: { configVersion: { increment: 1 } } });
  });
});

describe("the ledger", () => {
  it("sums to every learner's total", async () => {
    const rows = await db.query<{ user_id: string; points: number; sum: number }>(
      `SELECT l.user_id, l.points, COALESCE(sum(e.points), 0)::int AS sum FROM learner l LEFT JOIN ledger_entry e ON e.learner_id = l.id GROUP BY l.id`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.sum, r.user_id).toBe(r.points);
  });

  it("dates activity points at the event's occurredAt, not at arrival", async () => {
    await record(lesson("ledger-1", "l-1", "2026-10-15T10:00:00Z"));
    const [row] = await ledgerOf("ledger-1");
    expect(row!.occurredAt.toISOString()).toBe("2026-10-15T10:00:00.000Z");
    const oct = await db.prisma.boardScore.findFirst({ where: { learner: { userId: "ledger-1" }, period: "monthly", courseId: "" } });
    expect(oct!.periodStart.toISOString().slice(0, 10)).toBe("2026-10-01");
  });
});

void event;
