import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { courseDone, lesson, login } from "@/test/engine-fixtures";
import { addDays, dayInZone, mondayOf } from "@/server/lib/calendar";
import { recordEvents } from "./events";
import { adminActor } from "./audit";
import { adjustPoints } from "./point-adjustment";
import { createAdmin } from "./admins";
import { getOverview, OVERVIEW_DAYS } from "./overview";

describe("overview", () => {
  describe("with an empty database", async () => {
    const db = (await setUpTestDatabase()).prisma;

    it("a new install: zeros, 30 empty days, every shipped achievement with 0 unlocks", async () => {
      const overview = await getOverview(db);
      expect(overview).toMatchObject({
        timezone: "UTC",
        learners: 0,
        activeStreaks: 0,
        pointsAwarded: 0,
        eventsToday: 0,
        eventsThisWeek: 0,
        achievementsEarned: 0,
        pointsByType: [],
      });
      expect(overview.eventsPerDay).toHaveLength(OVERVIEW_DAYS);
      expect(overview.eventsPerDay.every((d) => d.events === 0)).toBe(true);
      expect(overview.eventsPerDay.at(-1)!.day).toBe(overview.today);
      expect(overview.achievementUnlocks.length).toBeGreaterThanOrEqual(11);
      expect(overview.achievementUnlocks.every((a) => a.earned === 0)).toBe(true);
    });
  });

  // A database of its own, so the new install above sees none of this.
  describe("after activity earlier today", async () => {
    const db = (await setUpTestDatabase()).prisma;
    const now = new Date();
    let results: Awaited<ReturnType<typeof recordEvents>>;
    beforeAll(async () => {
      // Earlier today, in order, whatever the hour (just after midnight "2 hours ago" is yesterday, and a second
      // active day would add streak points).
      const sinceMidnight = now.getTime() - Date.parse(`${dayInZone(now, "UTC")}T00:00:00Z`);
      const iso = (hoursAgo: number) =>
        new Date(now.getTime() - Math.min(hoursAgo * 3_600_000, (sinceMidnight * hoursAgo) / 3)).toISOString();
      results = await recordEvents(db, [
        lesson("ov-a", "l-1", iso(1), { courseId: "ov-course" }), // 10
        lesson("ov-a", "l-2", iso(1), { courseId: "ov-course", difficulty: "hard" }), // 50
        courseDone("ov-a", "ov-course", iso(0.5)), // 100 + courses-1 (50) + speed-course (100)
        login("ov-b", iso(2)),
        // Seventy days ago, received now (imported history): it counts on the day it happened, not today.
        lesson("ov-c", "l-1", new Date(now.getTime() - 70 * 86_400_000).toISOString(), { courseId: "ov-course" }),
        // Three days ago, received now: on the chart three days back.
        login("ov-c", new Date(now.getTime() - 3 * 86_400_000).toISOString()),
      ]);
      const admin = await createAdmin(db, { email: "ov@example.test", password: "long-enough" });
      // On ov-a: ov-b has no points, and an adjustment may not take a total below 0 (DOMAIN.md Revision 2).
      await adjustPoints(db, { userId: "ov-a", points: -3, reason: "test" }, adminActor(admin));
    });

    it("counts learners, events, points by type, streaks and unlocks", async () => {
      expect(results.every((r) => r.status === "created")).toBe(true);
      const overview = await getOverview(db, now);
      expect(overview.learners).toBe(3);
      expect(overview.pointsAwarded).toBe(10 + 50 + 100 + 50 + 100 - 3 + 10);
      expect(overview.eventsToday).toBe(4);
      const threeDaysAgo = addDays(dayInZone(now, "UTC"), -3);
      expect(overview.eventsThisWeek).toBe(threeDaysAgo >= mondayOf(overview.today) ? 5 : 4);
      expect(overview.eventsPerDay.at(-1)).toEqual({ day: dayInZone(now, "UTC"), events: 4 });
      expect(overview.eventsPerDay.find((d) => d.day === threeDaysAgo)).toEqual({ day: threeDaysAgo, events: 1 });
      // The event of seventy days ago is outside the 30 days.
      expect(overview.eventsPerDay.reduce((n, d) => n + d.events, 0)).toBe(5);
      expect(overview.achievementsEarned).toBe(2);
      expect(overview.achievementUnlocks[0]).toMatchObject({ key: "courses-1", earned: 1 });
      // ov-a and ov-b were active today; ov-c's last day is long gone.
      expect(overview.activeStreaks).toBe(2);
      expect(overview.pointsByType).toEqual([
        { reason: "lesson.completed", label: "Lessons", points: 70 },
        { reason: "course.completed", label: "Courses", points: 100 },
        { reason: "achievement", label: "Achievements", points: 150 },
        { reason: "adjustment", label: "Adjustments", points: -3 },
      ]);
    });

    it("counts days in the organisation's zone", async () => {
      const now = new Date();
      await db.orgSettings.update({ where: { id: 1 }, data: { timezone: "Pacific/Kiritimati", configVersion: { increment: 1 } } });
      try {
        const overview = await getOverview(db, now);
        expect(overview.today).toBe(dayInZone(now, "Pacific/Kiritimati"));
        expect(overview.eventsPerDay[0]!.day).toBe(addDays(overview.today, -(OVERVIEW_DAYS - 1)));
        expect(overview.eventsPerDay.reduce((n, d) => n + d.events, 0)).toBe(5);
      } finally {
        await db.orgSettings.update({ where: { id: 1 }, data: { timezone: "UTC", configVersion: { increment: 1 } } });
      }
    });
  });
});
