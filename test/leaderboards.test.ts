import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import type { EventInput } from "@/server/schemas/events";
import { getAroundLearner, getLeaderboard, getLearnerStanding, type BoardEntry, type BoardRef } from "@/server/services/leaderboards";
import { adminActor } from "@/server/services/audit";
import { adjustPoints } from "@/server/services/point-adjustment";
import { setOrganisationTimezone } from "@/server/services/periods";
import { setUpTestDatabase } from "@/test/database";
import { courseDone, lesson, login, recordAll } from "@/test/engine-fixtures";

// One database for the file. Each scenario uses its own month (and its own courses), so the weekly,
// monthly and course boards a scenario asserts hold only that scenario's points. The all-time global
// board is shared: scenarios only look for their own learners on it.

const db = (await setUpTestDatabase()).prisma;
const ingest = (events: EventInput[]) => recordAll(db, events);

/** `count` easy lessons (10 points each) for a learner, all on one day, so no streak points. */
function easyLessons(userId: string, count: number, occurredAt: string, courseId: string): EventInput[] {
  return Array.from({ length: count }, (_, i) => lesson(userId, `${userId}-l${i}`, occurredAt, { courseId }));
}

async function board(ref: BoardRef, page: { limit?: number; offset?: number } = {}, now?: Date) {
  return getLeaderboard(db, { ...ref, limit: page.limit ?? 100, offset: page.offset ?? 0 }, now);
}

const short = (entries: BoardEntry[]) => entries.map((e) => [e.rank, e.userId, e.points] as const);

/** Competition ranks (1, 2, 2, 4) for scores sorted from best to worst. */
function competitionRanks(points: number[]): number[] {
  const ranks: number[] = [];
  points.forEach((p, i) => ranks.push(i > 0 && points[i - 1] === p ? ranks[i - 1]! : i + 1));
  return ranks;
}

async function learnerId(userId: string): Promise<number> {
  return (await db.learner.findUniqueOrThrow({ where: { userId } })).id;
}

describe("ranking (a week in March 2026)", () => {
  const week: BoardRef = { courseId: null, period: "weekly", at: "2026-03-04" };
  const day = "2026-03-04T10:00:00Z";

  beforeAll(async () => {
    // Arrival order differs from the expected tie order, so the order can only come from the user ids.
    await ingest([
      lesson("rank-c", "l1", day, { courseId: "rank-course", difficulty: "medium" }), // 25
      lesson("rank-a", "l1", day, { courseId: "rank-course", difficulty: "hard" }), // 50
      lesson("rank-d", "l1", day, { courseId: "rank-course" }), // 10
      lesson("rank-b", "l1", day, { courseId: "rank-course", difficulty: "medium" }), // 25
      login("rank-e", day), // active, but 0 points
      lesson("rank-f", "l1", day, { courseId: "rank-course" }), // 10, taken back below
      login("rank-b", day, { user: { displayName: "Bea" } }),
    ]);
    const admin = await db.adminUser.create({ data: { email: "ranking-admin@example.test", passwordHash: "x" } });
    await adjustPoints(
      db,
      { userId: "rank-f", points: -10, reason: "Lesson credited by mistake" },
      adminActor(admin),
      new Date("2026-03-04T12:00:00Z"),
    );
  });

  it("uses competition ranking: equal points share a rank and the next rank skips (1, 2, 2, 4)", async () => {
    const page = await board(week);
    expect(short(page.entries).map((row) => row.join(" "))).toEqual(["1 rank-a 50", "2 rank-b 25", "2 rank-c 25", "4 rank-d 10"]);
  });

  it("shows display names, which default to the user id", async () => {
    const page = await board(week);
    expect(page.entries.map((e) => e.displayName)).toEqual(["rank-a", "Bea", "rank-c", "rank-d"]);
  });

  it("counts ranked learners in total", async () => {
    const page = await board(week);
    expect(page.total).toBe(4);
    expect(page).toMatchObject({ scope: "global", courseId: null, period: "weekly" });
  });

  it("does not list a learner with no points, nor one whose points net to zero", async () => {
    for (const ref of [week, { courseId: null, period: "all-time" } as BoardRef]) {
      const listed = (await board(ref)).entries.map((e) => e.userId);
      expect(listed).not.toContain("rank-e");
      expect(listed).not.toContain("rank-f");
    }
  });

  it("lists the same learners on the course's board, where the points were earned", async () => {
    const page = await board({ courseId: "rank-course", period: "weekly", at: "2026-03-04" });
    expect(page.total).toBe(5); // rank-f keeps its 10 course points: the adjustment is not course activity
    expect(short(page.entries)).toEqual([
      [1, "rank-a", 50],
      [2, "rank-b", 25],
      [2, "rank-c", 25],
      [4, "rank-d", 10],
      [4, "rank-f", 10],
    ]);
  });
});

describe("pages (30 learners with many ties, a week in April 2026)", () => {
  const week: BoardRef = { courseId: null, period: "weekly", at: "2026-04-08" };
  const ids = Array.from({ length: 30 }, (_, i) => `page-${String(i).padStart(2, "0")}`);

  beforeAll(async () => {
    // 10 learners each at 30, 20 and 10 points; created in a scrambled order.
    const events: EventInput[] = [];
    for (let k = 0; k < ids.length; k++) {
      const i = (k * 7) % ids.length;
      events.push(...easyLessons(ids[i]!, 1 + (i % 3), "2026-04-07T09:00:00Z", "page-course"));
    }
    await ingest(events);
  });

  it("lists everyone once, best first, ties by user id, with competition ranks", async () => {
    const full = await board(week);
    expect(full.total).toBe(30);
    const expectedOrder = [...ids].sort((a, b) => (ids.indexOf(b) % 3) - (ids.indexOf(a) % 3) || a.localeCompare(b));
    expect(full.entries.map((e) => e.userId)).toEqual(expectedOrder);
    expect(full.entries.map((e) => e.rank)).toEqual(competitionRanks(full.entries.map((e) => e.points)));
    expect(full.entries.map((e) => e.rank)).toEqual([...Array(10).fill(1), ...Array(10).fill(11), ...Array(10).fill(21)]);
  });

  it("walks in pages of 7 without repeating or skipping anyone", async () => {
    const full = await board(week);
    const walked: BoardEntry[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await board(week, { limit: 7, offset });
      expect(page.total).toBe(30);
      if (page.entries.length === 0) break;
      walked.push(...page.entries);
    }
    expect(walked).toEqual(full.entries);
  });

  it("gives the right rank to the first entry of a page that starts inside a tie", async () => {
    const second = await board(week, { limit: 7, offset: 7 }); // positions 8-14: the 30-point tie, then the 20s
    expect(short(second.entries)).toEqual([
      [1, "page-23", 30],
      [1, "page-26", 30],
      [1, "page-29", 30],
      [11, "page-01", 20],
      [11, "page-04", 20],
      [11, "page-07", 20],
      [11, "page-10", 20],
    ]);
    const third = await board(week, { limit: 7, offset: 14 }); // positions 15-21: inside the 20s, then the first 10
    expect(third.entries.map((e) => e.rank)).toEqual([11, 11, 11, 11, 11, 11, 21]);
  });

  it("returns no entries past the end, with the same total", async () => {
    const page = await board(week, { limit: 7, offset: 35 });
    expect(page).toMatchObject({ total: 30, entries: [] });
  });
});

describe("weekly and monthly boards count points by occurredAt (May 2026)", () => {
  const now = new Date("2026-05-13T12:00:00Z"); // a Wednesday; this week starts Monday May 11

  beforeAll(async () => {
    // The event of last week arrives after this week's: arrival order must not matter.
    await ingest([
      lesson("when-now", "l1", "2026-05-12T09:00:00Z", { courseId: "when-course", difficulty: "medium" }),
      lesson("when-last-week", "l1", "2026-05-06T09:00:00Z", { courseId: "when-course", difficulty: "hard" }),
      lesson("when-april", "l1", "2026-04-30T22:00:00Z", { courseId: "when-course" }),
    ]);
  });

  it("counts an event of last week in last week's board, not in this week's", async () => {
    const thisWeek = await board({ courseId: null, period: "weekly" }, {}, now);
    expect(short(thisWeek.entries)).toEqual([[1, "when-now", 25]]);
    expect(thisWeek).toMatchObject({ periodStart: "2026-05-11T00:00:00.000Z", periodEnd: "2026-05-18T00:00:00.000Z" });

    const lastWeek = await board({ courseId: null, period: "weekly", at: "2026-05-06" }, {}, now);
    expect(short(lastWeek.entries)).toEqual([[1, "when-last-week", 50]]);
    expect(lastWeek).toMatchObject({ periodStart: "2026-05-04T00:00:00.000Z", periodEnd: "2026-05-11T00:00:00.000Z" });
  });

  it("counts both weeks in the month, and an event of April 30th in April only", async () => {
    const may = await board({ courseId: null, period: "monthly" }, {}, now);
    expect(short(may.entries)).toEqual([
      [1, "when-last-week", 50],
      [2, "when-now", 25],
    ]);
    expect(may).toMatchObject({ periodStart: "2026-05-01T00:00:00.000Z", periodEnd: "2026-06-01T00:00:00.000Z" });

    const april = await board({ courseId: null, period: "monthly", at: "2026-04-15" }, {}, now);
    expect(april.entries.find((e) => e.userId === "when-april")).toMatchObject({ points: 10 });
  });

  it("ignores `at` on the all-time board", async () => {
    const allTime = await board({ courseId: "when-course", period: "all-time", at: "2026-05-06" });
    expect(allTime).toMatchObject({ periodStart: null, periodEnd: null, total: 3 });
  });
});

describe("periods follow the organisation's time zone (Europe/Paris: June, July and October 2026)", () => {
  beforeAll(async () => {
    await setOrganisationTimezone(db, "Europe/Paris");
    await ingest([
      lesson("zone-sunday-late", "l1", "2026-06-07T23:30:00Z", { courseId: "zone-course" }), // Monday 01:30 in Paris
      lesson("zone-sunday-evening", "l1", "2026-06-07T21:30:00Z", { courseId: "zone-course" }), // Sunday 23:30 in Paris
      lesson("zone-month-end", "l1", "2026-06-30T22:30:00Z", { courseId: "zone-course" }), // July 1st 00:30 in Paris
      // Summer time ends on Sunday October 25th: Paris is then UTC+1.
      lesson("zone-dst-sunday", "l1", "2026-10-25T22:30:00Z", { courseId: "zone-course" }), // Sunday 23:30 in Paris
      lesson("zone-dst-monday", "l1", "2026-10-25T23:30:00Z", { courseId: "zone-course" }), // Monday 00:30 in Paris
    ]);
  });
  afterAll(async () => setOrganisationTimezone(db, "UTC"));

  const listed = async (ref: BoardRef) => (await board(ref)).entries.map((e) => e.userId);

  it("starts the week on Monday 00:00 in the organisation's zone", async () => {
    expect(await listed({ courseId: null, period: "weekly", at: "2026-06-03" })).toEqual(["zone-sunday-evening"]);
    const nextWeek = await board({ courseId: null, period: "weekly", at: "2026-06-08" });
    expect(nextWeek.entries.map((e) => e.userId)).toEqual(["zone-sunday-late"]);
    expect(nextWeek).toMatchObject({ periodStart: "2026-06-07T22:00:00.000Z", periodEnd: "2026-06-14T22:00:00.000Z" });
  });

  it("starts the month on the 1st in the organisation's zone", async () => {
    expect(await listed({ courseId: null, period: "monthly", at: "2026-06-15" })).toEqual(["zone-sunday-evening", "zone-sunday-late"]);
    const july = await board({ courseId: null, period: "monthly", at: "2026-07-15" });
    expect(july.entries.map((e) => e.userId)).toEqual(["zone-month-end"]);
    expect(july).toMatchObject({ periodStart: "2026-06-30T22:00:00.000Z", periodEnd: "2026-07-31T22:00:00.000Z" });
  });

  it("keeps weeks right across a daylight-saving change", async () => {
    const dstWeek = await board({ courseId: null, period: "weekly", at: "2026-10-21" });
    expect(dstWeek.entries.map((e) => e.userId)).toEqual(["zone-dst-sunday"]);
    expect(dstWeek).toMatchObject({ periodStart: "2026-10-18T22:00:00.000Z", periodEnd: "2026-10-25T23:00:00.000Z" });
    expect(await listed({ courseId: null, period: "weekly", at: "2026-10-26" })).toEqual(["zone-dst-monday"]);
  });
});

describe("course boards (August 2026)", () => {
  beforeAll(async () => {
    await ingest([
      lesson("course-pat", "a1", "2026-08-03T09:00:00Z", { courseId: "course-algebra" }), // 10
      lesson("course-pat", "a2", "2026-08-04T09:00:00Z", { courseId: "course-algebra", difficulty: "medium" }), // 25, + 5 streak day
      courseDone("course-pat", "course-algebra", "2026-08-04T10:00:00Z"), // 100, + 50 for "First Course"
      lesson("course-pat", "h1", "2026-08-04T11:00:00Z", { courseId: "course-history", difficulty: "hard" }), // 50
      lesson("course-quinn", "h1", "2026-08-04T11:00:00Z", { courseId: "course-history" }), // 10
    ]);
  });

  it("holds only that course's lesson and course completion points", async () => {
    const algebra = await board({ courseId: "course-algebra", period: "all-time" });
    expect(algebra).toMatchObject({ scope: "course", courseId: "course-algebra", total: 1 });
    expect(short(algebra.entries)).toEqual([[1, "course-pat", 135]]);

    const history = await board({ courseId: "course-history", period: "all-time" });
    expect(short(history.entries)).toEqual([
      [1, "course-pat", 50],
      [2, "course-quinn", 10],
    ]);
  });

  it("leaves streak and achievement points to the global board", async () => {
    const global = await board({ courseId: null, period: "all-time" });
    expect(global.entries.find((e) => e.userId === "course-pat")?.points).toBe(10 + 25 + 5 + 100 + 50 + 50);
  });

  it("has weekly course boards too", async () => {
    const week = await board({ courseId: "course-algebra", period: "weekly", at: "2026-08-05" });
    expect(short(week.entries)).toEqual([[1, "course-pat", 135]]);
  });

  it("gives an empty board for a course no event has named", async () => {
    const page = await board({ courseId: "course-never-named", period: "all-time" });
    expect(page).toMatchObject({ scope: "course", courseId: "course-never-named", total: 0, entries: [] });
  });
});

describe("around me and standings (a week in September 2026)", () => {
  const week: BoardRef = { courseId: null, period: "weekly", at: "2026-09-09" };
  const day = "2026-09-08T09:00:00Z";
  // The points of each learner's lessons. Totals in board order: 60, 50, 25, 25, 25, 20, 10, 10, 10.
  const lessonPoints: Record<string, number[]> = {
    "near-01": [50, 10],
    "near-02": [50],
    "near-03": [25],
    "near-04": [25],
    "near-05": [25],
    "near-06": [10, 10],
    "near-07": [10],
    "near-08": [10],
    "near-09": [10],
  };
  const tier = { 10: "easy", 25: "medium", 50: "hard" } as const;

  beforeAll(async () => {
    const events: EventInput[] = [];
    for (const [userId, lessons] of Object.entries(lessonPoints).reverse()) {
      lessons.forEach((p, i) =>
        events.push(lesson(userId, `l${i}`, day, { courseId: "near-course", difficulty: tier[p as keyof typeof tier] })),
      );
    }
    events.push(lesson("near-other-week", "l1", "2026-09-15T09:00:00Z", { courseId: "near-course" }));
    await ingest(events);
  });

  const around = (userId: string, radius: number, ref: BoardRef = week) => getAroundLearner(db, { ...ref, userId, radius });

  /** What the full board shows around a learner: the expected answer of "around me". */
  async function sliceOfFullBoard(userId: string, radius: number, ref: BoardRef = week) {
    const full = (await board(ref)).entries;
    const i = full.findIndex((e) => e.userId === userId);
    return full.slice(Math.max(0, i - radius), i + radius + 1);
  }

  it("returns the learner and up to `radius` neighbours above and below, with their ranks", async () => {
    const result = await around("near-04", 2);
    expect(short(result.entries)).toEqual([
      [2, "near-02", 50],
      [3, "near-03", 25],
      [3, "near-04", 25],
      [3, "near-05", 25],
      [6, "near-06", 20],
    ]);
    expect(result.me).toEqual({ rank: 3, userId: "near-04", displayName: "near-04", points: 25 });
    expect(result.total).toBe(9);
  });

  it("stops at the top and at the bottom of the board", async () => {
    const top = await around("near-01", 2);
    expect(short(top.entries)).toEqual([
      [1, "near-01", 60],
      [2, "near-02", 50],
      [3, "near-03", 25],
    ]);
    const bottom = await around("near-09", 3);
    expect(short(bottom.entries).map((row) => row.join(" "))).toEqual(["6 near-06 20", "7 near-07 10", "7 near-08 10", "7 near-09 10"]);
  });

  it("matches the full board for every learner and radius", async () => {
    for (const userId of Object.keys(lessonPoints)) {
      for (const radius of [0, 1, 4, 25]) {
        const result = await around(userId, radius);
        expect(result.entries, `${userId} radius ${radius}`).toEqual(await sliceOfFullBoard(userId, radius));
      }
    }
  });

  it("works on a course board", async () => {
    const ref: BoardRef = { courseId: "near-course", period: "weekly", at: "2026-09-09" };
    const result = await around("near-07", 1, ref);
    expect(result).toMatchObject({ scope: "course", courseId: "near-course" });
    expect(short(result.entries)).toEqual([
      [6, "near-06", 20],
      [7, "near-07", 10],
      [7, "near-08", 10],
    ]);
  });

  it("answers `me: null` and no entries for a known learner with no points on that board", async () => {
    const result = await around("near-other-week", 5);
    expect(result).toMatchObject({ me: null, entries: [], total: 9 });
    const course = await around("near-01", 5, { courseId: "course-history", period: "all-time" });
    expect(course).toMatchObject({ me: null, entries: [] });
  });

  it("answers NOT_FOUND for a learner nobody has reported", async () => {
    const attempt = around("near-nobody", 5);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives a learner's standing: points and shared rank, or a null rank without points", async () => {
    await expect(getLearnerStanding(db, await learnerId("near-05"), week)).resolves.toEqual({ points: 25, rank: 3 });
    await expect(getLearnerStanding(db, await learnerId("near-01"), week)).resolves.toEqual({ points: 60, rank: 1 });
    await expect(getLearnerStanding(db, await learnerId("near-other-week"), week)).resolves.toEqual({ points: 0, rank: null });
    const course: BoardRef = { courseId: "near-course", period: "all-time" };
    await expect(getLearnerStanding(db, await learnerId("near-other-week"), course)).resolves.toEqual({ points: 10, rank: 7 });
  });
});

describe("reads of the same page at the same time (a week in January 2026)", () => {
  const week: BoardRef = { courseId: null, period: "weekly", at: "2026-01-14" };

  it("a page asked after an event was recorded shows it, while the same page is being read all along", async () => {
    // Readers keep the same page in flight the whole time, so every check below is asked while an identical
    // read runs: an answer shared with a read that started before the event would miss it.
    let reading = true;
    const readers = Array.from({ length: 4 }, async () => {
      let reads = 0;
      while (reading) {
        await board(week, { limit: 10 });
        reads++;
      }
      return reads;
    });
    try {
      for (let i = 1; i <= 8; i++) {
        // (fewer than 10 lessons: no achievement points)
        await ingest([lesson("shared-read", `shared-l${i}`, "2026-01-14T09:00:00Z")]);
        const [page, alsoAsked] = await Promise.all([board(week, { limit: 10 }), board(week, { limit: 10 })]);
        expect(short(page.entries)).toEqual([[1, "shared-read", 10 * i]]);
        expect(alsoAsked).toEqual(page);
      }
    } finally {
      reading = false;
    }
    for (const reads of await Promise.all(readers)) expect(reads).toBeGreaterThan(0);
  });
});
