import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/test/database";
import { DEMO_LEARNER, demoEvents, seedDemo } from "./demo-seed";
import { getLearnerStats } from "./learner-profile";
import { findDrift, totalDrift } from "./reconcile";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

it("builds the same organisation every time, with no event in the future", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const a = demoEvents({ learners: 20, days: 14, now });
  expect(demoEvents({ learners: 20, days: 14, now })).toEqual(a);
  expect(a.every((e) => Date.parse(e.occurredAt) < now.getTime())).toBe(true);
  expect(new Set(a.map((e) => e.type))).toEqual(new Set(["user.login", "course.started", "lesson.completed", "course.completed"]));
});

it("seeds learners with points, streaks and badges through ingestion, consistent with the ledger", async () => {
  const lines: string[] = [];
  const result = await seedDemo(db.prisma, (l) => lines.push(l), { learners: 25, days: 14 });
  expect(result).toMatchObject({ adminEmail: "admin@demo.test", learnerId: DEMO_LEARNER });
  expect(lines.at(-1)).toMatch(/Demo organisation ready: \d+ learners/);
  expect(await db.prisma.learner.count()).toBeGreaterThanOrEqual(20);
  const ada = await getLearnerStats(db.prisma, DEMO_LEARNER);
  expect(ada.displayName).toBe("Ada Lovelace");
  expect(ada.points.allTime).toBeGreaterThan(0);
  expect(ada.streak.longest).toBeGreaterThan(2);
  expect(await db.prisma.learnerAchievement.count()).toBeGreaterThan(0);
  expect(totalDrift(await findDrift(db.prisma))).toBe(0);
});
