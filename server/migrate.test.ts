import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";
import { createTestDatabase } from "@/test/database";

describe("migrations", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it("apply cleanly, and a second run applies nothing", async () => {
    const again = await applyMigrations(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(2);
    const rows = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toContain("20261126000000_init");
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("seed the default rules and the shipped achievements", async () => {
    const settings = await db.prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings).toMatchObject({ timezone: "UTC", lessonEasy: 10, lessonMedium: 25, lessonHard: 50, courseEasy: 100, courseMedium: 250, courseHard: 500, streakDayPoints: 5, loginPoints: 0 });
    const keys = (await db.prisma.achievement.findMany({ orderBy: { key: "asc" } })).map((a) => `${a.key}:${a.points}`);
    expect(keys).toEqual([
      "courses-1:50", "courses-10:300", "courses-5:150", "lessons-10:50", "lessons-100:300", "lessons-50:150",
      "perfect-course:100", "speed-course:100", "streak-100:500", "streak-30:200", "streak-7:50",
    ]);
  });

  it("make the ledger append-only", async () => {
    const learner = await db.prisma.learner.create({ data: { userId: "u-append" } });
    const entry = await db.prisma.ledgerEntry.create({
      data: { learnerId: learner.id, points: 5, reason: "adjustment", occurredAt: new Date() },
    });
    await expect(db.prisma.ledgerEntry.update({ where: { id: entry.id }, data: { points: 500 } })).rejects.toThrow();
    await expect(db.prisma.ledgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    expect((await db.prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).points).toBe(5);
  });
});
