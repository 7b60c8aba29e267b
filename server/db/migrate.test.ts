import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db";
import { applyMigrations, migrationsDir } from "./migrate";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { setUpTestDatabase } from "@/test/database";
import { DOMAIN_DEFAULT_RULES } from "@/test/engine-fixtures";

describe("migrations", async () => {
  const db = await setUpTestDatabase();

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
    expect(settings).toMatchObject({ timezone: "UTC", ...DOMAIN_DEFAULT_RULES });
    const keys = (await db.prisma.achievement.findMany({ orderBy: { key: "asc" } })).map((a) => `${a.key}:${a.points}`);
    expect(keys).toEqual([
      "courses-1:50",
      "courses-10:300",
      "courses-5:150",
      "lessons-10:50",
      "lessons-100:300",
      "lessons-50:150",
      "perfect-course:100",
      "speed-course:100",
      "streak-100:500",
      "streak-30:200",
      "streak-7:50",
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

describe("the frozen-boards migration, on a database closed with snapshots before it", () => {
  it("puts closed boards back to their snapshot, keeps what came later as late points, and drops the copies", async () => {
    // The migrations up to the one before, as an install made before it would have them.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-migrations-"));
    for (const name of fs.readdirSync(migrationsDir()).filter((n) => n < "20261201120000")) {
      fs.cpSync(path.join(migrationsDir(), name), path.join(before, name), { recursive: true });
    }
    const db = await openDatabase({ pgliteDir: "memory://" });
    try {
      await applyMigrations(db, { dir: before });
      // Week of 16 November closed with a and b at 20 each; then a late 10 for a, and a first 5 for c.
      await db.exec(`
        INSERT INTO learner (id, user_id, points, updated_at) VALUES (1, 'a', 30, now()), (2, 'b', 20, now()), (3, 'c', 5, now());
        INSERT INTO ledger_entry (learner_id, points, reason, occurred_at) VALUES
          (1, 20, 'adjustment', '2026-11-17T10:00:00Z'), (1, 10, 'adjustment', '2026-11-18T10:00:00Z'),
          (2, 20, 'adjustment', '2026-11-17T10:00:00Z'), (3, 5, 'adjustment', '2026-11-19T10:00:00Z');
        INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points) VALUES
          ('all-time', '1970-01-01', '', 1, 'a', 30), ('all-time', '1970-01-01', '', 2, 'b', 20), ('all-time', '1970-01-01', '', 3, 'c', 5),
          ('weekly', '2026-11-16', '', 1, 'a', 30), ('weekly', '2026-11-16', '', 2, 'b', 20), ('weekly', '2026-11-16', '', 3, 'c', 5),
          ('monthly', '2026-11-01', '', 1, 'a', 30), ('monthly', '2026-11-01', '', 2, 'b', 20), ('monthly', '2026-11-01', '', 3, 'c', 5);
        INSERT INTO board_histogram (period, period_start, course_id, points, learners) VALUES
          ('all-time', '1970-01-01', '', 30, 1), ('all-time', '1970-01-01', '', 20, 1), ('all-time', '1970-01-01', '', 5, 1),
          ('weekly', '2026-11-16', '', 30, 1), ('weekly', '2026-11-16', '', 20, 1), ('weekly', '2026-11-16', '', 5, 1),
          ('monthly', '2026-11-01', '', 30, 1), ('monthly', '2026-11-01', '', 20, 1), ('monthly', '2026-11-01', '', 5, 1);
        INSERT INTO period_close (id, period, period_start, period_end, timezone, entries) VALUES (1, 'weekly', '2026-11-16', '2026-11-23T00:00:00Z', 'UTC', 2);
        INSERT INTO leaderboard_snapshot_entry (close_id, course_id, rank, learner_id, user_id, points) VALUES (1, '', 1, 1, 'a', 20), (1, '', 1, 2, 'b', 20);
      `);
      // It and the migrations after it, in order.
      const later = fs
        .readdirSync(migrationsDir())
        .filter((n) => n >= "20261201120000" && !n.endsWith(".toml"))
        .sort();
      expect((await applyMigrations(db)).applied).toEqual(later);
      expect(later[0]).toBe("20261201120000_frozen_closed_boards");

      const week = await db.query<{ user_id: string; points: number }>(
        `SELECT user_id, points FROM board_score WHERE period = 'weekly' ORDER BY user_id`,
      );
      expect(week).toEqual([
        { user_id: "a", points: 20 },
        { user_id: "b", points: 20 },
        { user_id: "c", points: 0 },
      ]);
      const late = await db.query<{ learner_id: number; points: number }>(
        `SELECT learner_id, points FROM board_late_points ORDER BY learner_id`,
      );
      expect(late).toEqual([
        { learner_id: 1, points: 10 },
        { learner_id: 3, points: 5 },
      ]);
      const histogram = await db.query<{ points: number; learners: number }>(
        `SELECT points, learners FROM board_histogram WHERE period = 'weekly' ORDER BY points`,
      );
      expect(histogram).toEqual([{ points: 20, learners: 2 }]);
      const [{ n }] = (await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'leaderboard_snapshot_entry'`,
      )) as [{ n: number }];
      expect(n).toBe(0);
      expect(totalDrift(await findDrift(db.prisma))).toBe(0);
    } finally {
      await db.close();
      fs.rmSync(before, { recursive: true, force: true });
    }
  });
});
