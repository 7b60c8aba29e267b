import { afterAll, beforeAll, expect, it } from "vitest";
import { recordEvent } from "@/server/services/events";
import { closePeriod } from "@/server/services/periods";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { createTestDatabase } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";

// Closing a week while events dated in it keep arriving: the close must freeze the week's boards at one
// moment (periods.ts takes a table lock that waits for writes in flight and holds new ones until it commits).

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const week = (userId: string, day: string) => lesson(userId, "l1", `2026-10-${day}T09:00:00Z`, { courseId: "flow-course" });

it("freezes the week at one moment: nothing lands on its boards after the close, nothing is lost", async () => {
  await recordEvent(db.prisma, week("flow-0", "20"));
  // Forty learners new to the week, recorded one by one (in groups, as the API does) while the close runs.
  const late = Array.from({ length: 40 }, (_, i) => recordEvent(db.prisma, week(`flow-${i + 1}`, "21")));
  const [close] = await Promise.all([closePeriod(db.prisma, "weekly", "2026-10-19"), ...late]);
  expect(close.closed).toBe(true);

  // The global board holds exactly what the close counted (its ranked learners), and the course board the
  // same learners: whoever was recorded before it.
  const ranked = await db.query<{ course_id: string; n: number }>(
    `SELECT course_id, COALESCE(sum(learners), 0)::int AS n FROM board_histogram
     WHERE period = 'weekly' AND period_start = '2026-10-19' AND points <> 0 GROUP BY course_id ORDER BY course_id`,
  );
  expect(ranked).toEqual([
    { course_id: "", n: close.entries },
    { course_id: "flow-course", n: close.entries },
  ]);
  // Everyone else is a late point, kept for all-time; every learner is in one or the other.
  const [split] = await db.query<{ on_board: number; late: number }>(
    `SELECT (SELECT count(*)::int FROM board_score WHERE period = 'weekly' AND period_start = '2026-10-19' AND course_id = '' AND points <> 0) AS on_board,
            (SELECT count(*)::int FROM board_late_points WHERE period = 'weekly' AND period_start = '2026-10-19' AND course_id = '') AS late`,
  );
  expect(split!.on_board + split!.late).toBe(41);
  expect(split!.on_board).toBe(close.entries);
  expect(totalDrift(await findDrift(db.prisma))).toBe(0);
});
