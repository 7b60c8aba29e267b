import fs from "node:fs";
import { Client } from "pg";
import { e2ePostgresUrl } from "./constants";
import { expect, lmsApi, test, unique } from "./fixtures";

// Issue 19: a board of 100,000 learners exports from the dashboard, streamed, and the file is the board row for
// row. Runs in the PostgreSQL browser run (.ci/run), where the test can seed the server's database set-based;
// in the PGlite run the server holds the only connection (playwright.config.ts leaves this file out there).

const LEARNERS = 100_000;

test("a 100,000-learner board downloads as CSV, row for row the board", async ({ signedInPage: page, request }) => {
  test.setTimeout(240_000);
  const id = unique();
  const course = `big-${id}`;
  const db = new Client({ connectionString: e2ePostgresUrl()! });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO learner (user_id, display_name, points)
       SELECT 'big-${id}-' || g, CASE WHEN g % 11 = 0 THEN NULL ELSE 'Big ' || g END, 0 FROM generate_series(1, $1::int) g`,
      [LEARNERS],
    );
    await db.query(
      `INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
       SELECT 'all-time', '1970-01-01', $1, id, user_id, (id * 7919) % 600 + 1 FROM learner WHERE user_id LIKE $2`,
      [course, `big-${id}-%`],
    );
    await db.query(
      `INSERT INTO board_histogram (period, period_start, course_id, points, learners)
       SELECT period, period_start, course_id, points, count(*) FROM board_score WHERE course_id = $1 GROUP BY 1, 2, 3, 4`,
      [course],
    );
    await db.query("ANALYZE learner, board_score, board_histogram");

    await page.goto(`/admin/leaderboards?course=${course}`);
    await expect(page.getByRole("table", { name: "Leaderboard" }).locator("tbody tr").first()).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export board as CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`board-course-${course}-all-time.csv`);
    await expect(page.getByRole("status").filter({ hasText: "Exported 100,000 rows" })).toBeVisible({ timeout: 120_000 });

    const [header, ...lines] = fs
      .readFileSync((await file.path())!, "utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(header).toBe("rank,user_id,display_name,points");
    expect(lines).toHaveLength(LEARNERS);
    const { rows: expected } = await db.query<{ line: string }>(
      `SELECT concat_ws(',', rank() OVER (ORDER BY b.points DESC), b.user_id, coalesce(l.display_name, ''), b.points) AS line
       FROM board_score b JOIN learner l ON l.id = b.learner_id
       WHERE b.course_id = $1 AND b.period = 'all-time' ORDER BY b.points DESC, b.user_id`,
      [course],
    );
    const mismatches = expected.filter((e, i) => lines[i] !== e.line);
    expect(mismatches.slice(0, 3)).toEqual([]);

    // And the page the LMS reads from the middle of the board agrees with the file.
    const { body } = await lmsApi(request).get(`/leaderboards/courses/${course}?limit=20&offset=50000`);
    expect((body.entries as { rank: number; userId: string; points: number }[]).map((e) => `${e.rank},${e.userId}`)).toEqual(
      lines.slice(50_000, 50_020).map((l) => l.split(",").slice(0, 2).join(",")),
    );
  } finally {
    await db.end();
  }
});
