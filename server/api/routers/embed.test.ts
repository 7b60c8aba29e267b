import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { EMBED_SESSION_COOKIE, EMBED_SESSION_HEADER, embedSecret, signEmbedSession } from "@/server/auth/embed-token";
import { recordEvents } from "@/server/services/events";
import { getLearnerAchievements } from "@/server/services/learner-achievements";
import { createTestDatabase, usingPostgres } from "@/test/database";
import { courseDone, lesson } from "@/test/engine-fixtures";

// The embed procedures answer for the learner in the session and no one else.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const kind = usingPostgres ? "postgres" : "pglite";

const dayAgo = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000).toISOString().replace(/\.\d+Z$/, "Z");

beforeAll(async () => {
  database = await createTestDatabase();
  const events = [
    // Ada: ten easy lessons over yesterday and today (100 points, "Ten Lessons", a two-day streak).
    ...Array.from({ length: 10 }, (_, i) =>
      lesson("embed-ada", `l${i}`, dayAgo(i < 5 ? 1 : 0), { courseId: "embed-c1", user: { displayName: "Ada" } }),
    ),
    // Bob: a hard course (500 + "First Course"), ahead of Ada on the global board, not on embed-c1's.
    courseDone("embed-bob", "embed-c2", dayAgo(3), { difficulty: "hard", user: { displayName: "Bob" } }),
    // Cy: three lessons in Ada's course, behind her.
    ...Array.from({ length: 3 }, (_, i) => lesson("embed-cy", `l${i}`, dayAgo(2), { courseId: "embed-c1" })),
  ];
  for (const r of await recordEvents(database.prisma, events)) expect(r.status, JSON.stringify(r.error)).toBe("created");
});
afterAll(async () => database.drop());

async function callerFor(userId: string | null, options: { courseId?: string; via?: "header" | "cookie" } = {}) {
  const headers = new Headers();
  if (userId) {
    const session = await signEmbedSession({ userId, courseId: options.courseId ?? null }, embedSecret());
    if (options.via === "cookie") headers.set("cookie", `${EMBED_SESSION_COOKIE}=${session}`);
    else headers.set(EMBED_SESSION_HEADER, session);
  }
  return createCaller(createInnerContext({ db: database.prisma, databaseKind: kind, headers }));
}

describe("embed procedures", () => {
  it("need an embed session", async () => {
    const anonymous = await callerFor(null);
    await expect(anonymous.embed.profile()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.embed.leaderboard({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.embed.markSeen({ keys: ["lessons-10"] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const forged = createCaller(
      createInnerContext({ db: database.prisma, databaseKind: kind, headers: new Headers({ [EMBED_SESSION_HEADER]: "x.y.z" }) }),
    );
    await expect(forged.embed.profile()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("profile: the viewer's own stats and badges", async () => {
    const profile = await (await callerFor("embed-ada")).embed.profile();
    expect(profile?.stats).toMatchObject({
      userId: "embed-ada",
      displayName: "Ada",
      lessonsCompleted: 10,
      streak: { current: 2, activeToday: true },
    });
    expect(profile?.achievements.earned.map((a) => a.key)).toEqual(["lessons-10"]);
    expect(profile?.achievements.inProgress.find((a) => a.key === "lessons-50")?.progress).toEqual({ current: 10, target: 50 });
  });

  it("never takes a user id: asking for another learner is a 400, not their data", async () => {
    const ada = await callerFor("embed-ada");
    // @ts-expect-error -- the input has no userId, on purpose
    await expect(ada.embed.leaderboard({ userId: "embed-bob" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // @ts-expect-error -- as above
    await expect(ada.embed.ledger({ userId: "embed-bob" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // @ts-expect-error -- as above
    await expect(ada.embed.markSeen({ keys: ["courses-1"], userId: "embed-bob" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("leaderboard: public entries without user ids, the viewer's row marked, and their standing", async () => {
    const board = await (await callerFor("embed-ada")).embed.leaderboard({ period: "all-time", scope: "global", limit: 10 });
    // Cy has no display name: other learners see a neutral label, never the id (API.md Revision 2).
    expect(board.entries.map((e) => [e.displayName, e.points, e.isMe])).toEqual([
      ["Bob", 550, false],
      ["Ada", 155, true],
      [expect.stringMatching(/^Learner \d{4}$/), 30, false],
    ]);
    expect(JSON.stringify(board)).not.toContain("embed-bob");
    expect(JSON.stringify(board)).not.toContain("embed-cy");
    expect(board.me).toEqual({ rank: 2, points: 155 });
  });

  it("a learner without a display name: the same neutral label on every board and page, and You for themselves", async () => {
    const global = await (await callerFor("embed-bob")).embed.leaderboard({ limit: 10 });
    const course = await (await callerFor("embed-ada", { courseId: "embed-c1" })).embed.around({ scope: "course", radius: 5 });
    const label = global.entries[2]!.displayName;
    expect(course.entries.map((e) => e.displayName)).toEqual(["Ada", label]);
    const own = await (await callerFor("embed-cy")).embed.leaderboard({ limit: 10 });
    expect(own.entries.map((e) => [e.displayName, e.isMe])).toEqual([
      ["Bob", false],
      ["Ada", false],
      ["You", true],
    ]);
    expect((await (await callerFor("embed-cy")).embed.viewer()).displayName).toBeNull();
  });

  it("the course board is the one the LMS opened the embed from, and needs one", async () => {
    const ada = await callerFor("embed-ada", { courseId: "embed-c1" });
    const board = await ada.embed.leaderboard({ scope: "course" });
    expect(board).toMatchObject({ scope: "course", courseId: "embed-c1", me: { rank: 1, points: 100 } });
    expect(board.entries.map((e) => e.displayName)).toEqual(["Ada", expect.stringMatching(/^Learner \d{4}$/)]);
    await expect((await callerFor("embed-ada")).embed.leaderboard({ scope: "course" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("around: the viewer and neighbours, with the offset of the first row", async () => {
    const around = await (await callerFor("embed-cy")).embed.around({ radius: 1 });
    expect(around.entries.map((e) => [e.rank, e.isMe])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(around.offset).toBe(1);
  });

  it("streak: today and this week's days in the learner's zone", async () => {
    const streak = await (await callerFor("embed-ada")).embed.streak();
    expect(streak?.streak).toMatchObject({ current: 2, longest: 2, activeToday: true });
    expect(streak?.week).toHaveLength(7);
    expect(streak?.week.find((d) => d.day === streak.today)?.active).toBe(true);
    const month = streak!.today.slice(0, 7);
    const days = await (await callerFor("embed-ada")).embed.activeDays({ month });
    expect(days.days).toContain(streak!.today);
  });

  it("ledger: reasons in a learner's words, without admin or event details", async () => {
    const ledger = await (await callerFor("embed-ada")).embed.ledger({ limit: 5 });
    expect(ledger.lines).toHaveLength(5);
    expect(ledger.nextBefore).not.toBeNull();
    expect(Object.keys(ledger.lines[0]!).sort()).toEqual(["achievementKey", "courseId", "id", "label", "occurredAt", "points", "reason"]);
    const rest = await (await callerFor("embed-ada")).embed.ledger({ limit: 50, before: ledger.nextBefore! });
    const reasons = [...ledger.lines, ...rest.lines].map((l) => l.reason);
    expect(reasons.filter((r) => r === "lesson.completed")).toHaveLength(10);
    expect(reasons).toContain("achievement");
    expect(reasons).toContain("streak.day");
  });

  it("markSeen: only with the header, only the viewer's own achievements", async () => {
    const bobBefore = await getLearnerAchievements(database.prisma, "embed-bob");
    expect(bobBefore.earned.find((a) => a.key === "courses-1")?.seen).toBe(false);

    const viaCookie = await callerFor("embed-ada", { via: "cookie" });
    const viewer = await viaCookie.embed.viewer(); // reading with the cookie is fine
    expect(viewer).toMatchObject({ displayName: "Ada", courseId: null });
    expect(viewer.unseen.map((a) => a.key)).toEqual(["lessons-10"]);
    await expect(viaCookie.embed.markSeen({ keys: ["lessons-10"] })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const ada = await callerFor("embed-ada");
    await expect(ada.embed.markSeen({ keys: ["lessons-10", "courses-1"] })).resolves.toEqual({ updated: 1 });
    await expect(ada.embed.viewer()).resolves.toMatchObject({ unseen: [] });
    await expect(ada.embed.markSeen({ keys: ["lessons-10"] })).resolves.toEqual({ updated: 0 });
    // Bob's "courses-1" is untouched by Ada marking that key.
    const bobAfter = await getLearnerAchievements(database.prisma, "embed-bob");
    expect(bobAfter.earned.find((a) => a.key === "courses-1")?.seen).toBe(false);
  });

  it("a learner with no activity yet gets empty answers, not errors", async () => {
    const newcomer = await callerFor("embed-newcomer");
    await expect(newcomer.embed.profile()).resolves.toBeNull();
    await expect(newcomer.embed.streak()).resolves.toBeNull();
    await expect(newcomer.embed.viewer()).resolves.toEqual({
      displayName: null,
      courseId: null,
      courseTitle: null,
      unseen: [],
      newLevel: null,
    });
    await expect(newcomer.embed.ledger({})).resolves.toEqual({ lines: [], nextBefore: null });
    await expect(newcomer.embed.leaderboard({})).resolves.toMatchObject({ me: null });
    await expect(newcomer.embed.around({})).resolves.toMatchObject({ me: null, entries: [] });
    await expect(newcomer.embed.markSeen({ keys: ["lessons-10"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
