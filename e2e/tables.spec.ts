import fs from "node:fs";
import { expect, lmsApi, test, unique } from "./fixtures";

// Tables that do not stop at 50: the learner list pages, sorts and searches by name; a board finds learners
// by name; an export downloads the whole board, checked row for row against the board the API serves.

const LEARNERS = 30;

/** 30 learners of one course, learner i with i + 1 lessons (10 points each), sent as one batch. */
async function seed(request: Parameters<typeof lmsApi>[0], id: string) {
  const api = lmsApi(request);
  const events = Array.from({ length: LEARNERS }, (_, i) =>
    Array.from({ length: i + 1 }, (_, n) => ({
      id: `${id}-${i}-${n}`,
      type: "lesson.completed",
      userId: `tb-${id}-${String(i).padStart(2, "0")}`,
      courseId: `c-${id}`,
      lessonId: `l${n}`,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      user: { displayName: i === 7 ? `Mary Knuth ${id}` : `Learner ${id} ${String(i).padStart(2, "0")}` },
    })),
  ).flat();
  for (let start = 0; start < events.length; start += 500) {
    const res = await request.post("/api/v1/events/batch", { headers: api.headers, data: { events: events.slice(start, start + 500) } });
    expect(res.status()).toBe(200);
  }
  return api;
}

test("the learner list pages, sorts and finds learners by name", async ({ signedInPage: page, request }) => {
  const id = unique();
  await seed(request, id);
  await page.goto(`/admin/learners?q=${id}`);
  await expect(page.getByTestId("learner-count")).toContainText(`${LEARNERS} matches`);

  await page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: "Points" }).click();
  const rows = page.getByRole("table", { name: "Learners" }).locator("tbody tr");
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText(`tb-${id}-29`);
  await page.getByRole("navigation", { name: "Pages of learners" }).getByRole("link", { name: "Next" }).click();
  await expect(rows).toHaveCount(LEARNERS - 25);
  await expect(rows.last()).toContainText(`tb-${id}-00`);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText(`tb-${id}-29`);

  await page.getByRole("navigation", { name: "Order" }).getByRole("link", { name: "Fewest first" }).click();
  await expect(rows.first()).toContainText(`tb-${id}-00`);

  await page.getByLabel("Search learners").fill(`mary knuth ${id}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("learner-count")).toContainText("1 match");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`tb-${id}-07`);
});

test("a board finds learners by name, and exports as CSV checked against the board", async ({ signedInPage: page, request }) => {
  const id = unique();
  const api = await seed(request, id);
  await page.goto(`/admin/leaderboards?course=${encodeURIComponent(`c-${id}`)}`);
  await page.getByLabel("Find a learner", { exact: true }).fill(`Mary Knuth ${id}`);
  await page.getByRole("button", { name: "Jump to" }).click();
  await expect(page.getByText(/1 learner matches/)).toBeVisible();
  const rows = page.getByRole("table", { name: "Leaderboard" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  // Learner 7 has 8 lessons: 22 learners have more, so rank 23.
  await expect(rows.first().locator("td").first()).toHaveText("23");
  await expect(rows.first()).toContainText(`Mary Knuth ${id}`);

  await page.getByRole("link", { name: "Back to the top" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export board as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`board-course-c-${id}-all-time.csv`);
  await expect(page.getByRole("status").filter({ hasText: `Exported ${LEARNERS} rows` })).toBeVisible();
  const text = fs.readFileSync(await file.path(), "utf8").replace(/^\uFEFF/, "");
  const [header, ...lines] = text.trimEnd().split("\r\n");
  expect(header).toBe("rank,user_id,display_name,points");
  const { body } = await api.get(`/leaderboards/courses/${encodeURIComponent(`c-${id}`)}?limit=100`);
  expect(lines).toEqual(
    (body.entries as { rank: number; userId: string; displayName: string; points: number }[]).map(
      (e) => `${e.rank},${e.userId},${e.displayName},${e.points}`,
    ),
  );
});
