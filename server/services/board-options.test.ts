import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";
import { listCourses, listRecentPeriods } from "./board-options";
import { recordEvents } from "./events";
import { closePeriod } from "./periods";

describe("board options", () => {
  const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday

  // A database of its own: the other scenario closes one of the weeks listed here.
  describe("with no period closed", async () => {
    const db = (await setUpTestDatabase()).prisma;

    it("lists the current and past weeks (Mondays) and months, newest first", async () => {
      const weeks = await listRecentPeriods(db, "weekly", 3, now);
      expect(weeks).toEqual([
        { start: "2026-11-23", current: true, closed: false },
        { start: "2026-11-16", current: false, closed: false },
        { start: "2026-11-09", current: false, closed: false },
      ]);
      const months = await listRecentPeriods(db, "monthly", 2, now);
      expect(months.map((m) => m.start)).toEqual(["2026-11-01", "2026-10-01"]);
    });
  });

  describe("with a course and a closed week", async () => {
    const db = (await setUpTestDatabase()).prisma;
    beforeAll(async () => {
      await recordEvents(db, [lesson("bo-1", "l-1", "2026-11-17T10:00:00Z", { courseId: "bo-course" })]);
      await closePeriod(db, "weekly", "2026-11-16", now);
    });

    it("marks closed periods", async () => {
      const weeks = await listRecentPeriods(db, "weekly", 3, now);
      expect(weeks.map((w) => w.closed)).toEqual([false, true, false]);
    });

    it("lists courses by id, narrowed by id prefix or name", async () => {
      await db.course.createMany({
        data: [
          { id: "algebra-1", name: "Algebra" },
          { id: "bio-1", name: "Biology basics" },
        ],
      });
      expect((await listCourses(db)).map((c) => c.id)).toEqual(["algebra-1", "bio-1", "bo-course"]);
      expect((await listCourses(db, { query: "bo" })).map((c) => c.id)).toEqual(["bo-course"]);
      expect((await listCourses(db, { query: "BASICS" })).map((c) => c.id)).toEqual(["bio-1"]);
      expect(await listCourses(db, { limit: 1 })).toEqual([{ id: "algebra-1", name: "Algebra" }]);
    });
  });
});
