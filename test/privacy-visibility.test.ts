import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { recordEvents } from "@/server/services/events";
import { getLeaderboard } from "@/server/services/leaderboards";
import { getOwnBoard, getOwnNeighbours } from "@/server/services/learner-views";
import { createTestDatabase, usingPostgres } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";

// Visibility (API.md Revision 2 "Learner privacy"), set by the LMS's PATCH: anonymous learners show on other
// learners' boards without name or id, hidden ones not at all; ranks stay where the points put them, everyone
// still sees their own row, and the LMS's own reads are unchanged.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const kind = usingPostgres ? "postgres" : "pglite";
const at = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
// Points: ann 40 (4 lessons), ben 30, cat 20, dan 10.
const people = [
  ["vis-ann", "Ann", 4],
  ["vis-ben", "Ben", 3],
  ["vis-cat", "Cat", 2],
  ["vis-dan", "Dan", 1],
] as const;

const lms = () => createCaller(createInnerContext({ db: database.prisma, databaseKind: kind, apiKey: { id: 1, name: "test" } }));
const board = (userId: string) =>
  getOwnBoard(database.prisma, { userId, courseId: null }, { scope: "global", period: "all-time", limit: 10, offset: 0 });

beforeAll(async () => {
  database = await createTestDatabase();
  const events = people.flatMap(([userId, displayName, n]) =>
    Array.from({ length: n }, (_, i) => lesson(userId, `l${i}`, at, { courseId: "vis-c", difficulty: "easy", user: { displayName } })),
  );
  for (const r of await recordEvents(database.prisma, events)) expect(r.status, JSON.stringify(r.error)).toBe("created");
  await lms().users.update({ userId: "vis-ben", visibility: "anonymous" });
  await lms().users.update({ userId: "vis-cat", visibility: "hidden" });
});
afterAll(async () => database.drop());

describe("visibility on the boards learners see", () => {
  it("shows an anonymous learner unnamed and a hidden one not at all, with every rank unchanged", async () => {
    const seen = await board("vis-dan");
    expect(seen.entries).toEqual([
      { rank: 1, displayName: "Ann", points: 40, isMe: false },
      { rank: 2, displayName: "Anonymous learner", points: 30, isMe: false },
      { rank: 4, displayName: "Dan", points: 10, isMe: true },
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/vis-ben|Ben|vis-cat|Cat/);
  });

  it("still shows hidden and anonymous learners their own row and rank", async () => {
    const cat = await board("vis-cat");
    expect(cat.entries.find((e) => e.isMe)).toEqual({ rank: 3, displayName: "Cat", points: 20, isMe: true });
    expect(cat.me).toEqual({ rank: 3, points: 20 });
    const ben = await getOwnNeighbours(
      database.prisma,
      { userId: "vis-ben", courseId: "vis-c" },
      { scope: "course", period: "all-time", radius: 1 },
    );
    expect(ben.entries.map((e) => [e.rank, e.displayName])).toEqual([
      [1, "Ann"],
      [2, "Ben"],
    ]);
  });

  it("leaves the LMS's own reads unchanged", async () => {
    const page = await getLeaderboard(database.prisma, { courseId: null, period: "all-time", limit: 10, offset: 0 });
    expect(page.entries.map((e) => [e.rank, e.userId, e.displayName])).toEqual([
      [1, "vis-ann", "Ann"],
      [2, "vis-ben", "Ben"],
      [3, "vis-cat", "Cat"],
      [4, "vis-dan", "Dan"],
    ]);
  });

  it("refuses a visibility it does not know, leaving the learner as they were", async () => {
    await expect(lms().users.update({ userId: "vis-ann", visibility: "secret" as "hidden" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await database.prisma.learner.findUniqueOrThrow({ where: { userId: "vis-ann" } })).visibility).toBe("visible");
    await lms().users.update({ userId: "vis-cat", visibility: "visible" });
    expect((await board("vis-dan")).entries.map((e) => e.displayName)).toEqual(["Ann", "Anonymous learner", "Cat", "Dan"]);
  });
});
