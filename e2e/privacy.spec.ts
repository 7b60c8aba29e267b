import type { APIRequestContext, Page } from "@playwright/test";
import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// Issue 21's browser journeys: erasure from the learner page (typed confirmation; the learner is gone from
// boards, lists and their own page) and visibility (anonymous, then hidden, on the boards OTHER learners see,
// while the learner keeps seeing their own rank). Each test seeds a course of its own over the REST API.

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

interface Learner {
  userId: string;
  name: string;
}

/** Three learners of one course: Ada 150 points (3 hard lessons), Bob 20, Cy 10. */
async function seedCourse(request: APIRequestContext) {
  const api = lmsApi(request);
  const id = unique();
  const courseId = `privacy-${id}`;
  const ada: Learner = { userId: `ada-${id}`, name: `Ada Private ${id}` };
  const bob: Learner = { userId: `bob-${id}`, name: `Bob Private ${id}` };
  const cy: Learner = { userId: `cy-${id}`, name: `Cy Private ${id}` };
  const plan: [Learner, number, "easy" | "hard"][] = [
    [ada, 3, "hard"],
    [bob, 2, "easy"],
    [cy, 1, "easy"],
  ];
  for (const [learner, lessons, difficulty] of plan) {
    for (let n = 0; n < lessons; n++) {
      await api.send({
        id: `${learner.userId}-${n}`,
        type: "lesson.completed",
        userId: learner.userId,
        courseId,
        lessonId: `lesson-${n}`,
        difficulty,
        occurredAt: minutesAgo(10 + n),
        user: { displayName: learner.name },
      });
    }
  }
  // Nothing to announce in the embeds: a badge dialog is not what these tests are about.
  const keys = ((await api.get("/achievements")).body as { key: string }[]).map((a) => a.key);
  for (const learner of [ada, bob, cy]) {
    const seen = await request.post(`/api/v1/users/${learner.userId}/achievements/seen`, { headers: api.headers, data: { keys } });
    expect(seen.status()).toBe(200);
  }
  return { api, id, courseId, ada, bob, cy };
}

async function openBoard(page: Page, learner: Learner, courseId: string) {
  await page.goto(await embedPath("leaderboard", learner.userId, { courseId }));
  return page.getByRole("list", { name: /Leaderboard/ });
}

test("an admin erases a learner: typed confirmation, then gone from boards, lists and their page", async ({
  signedInPage: page,
  browser,
  request,
}) => {
  const { api, id, courseId, ada, bob } = await seedCourse(request);

  await page.goto(`/admin/learners/${ada.userId}`);
  await expect(page.getByRole("heading", { name: ada.name })).toBeVisible();
  const erase = page.getByRole("button", { name: "Erase learner" });
  const confirmation = page.getByLabel("Type the user id to confirm");
  await expect(erase).toBeDisabled();
  await confirmation.fill(ada.userId.slice(0, -1)); // almost: still refused
  await expect(erase).toBeDisabled();
  await confirmation.fill(ada.userId);
  await expect(erase).toBeEnabled();
  await erase.click();
  await expect(page.getByText(`Learner ${ada.userId} erased.`)).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/learners$/);

  // The list, the dashboard's board, the learner page and the LMS API know them no more.
  // (The three share "Private <id>" in their names: the search still finds the other two.)
  await page.goto(`/admin/learners?q=${encodeURIComponent(`Private ${id}`)}`);
  await expect(page.getByRole("link", { name: new RegExp(bob.name) })).toBeVisible();
  await expect(page.locator(`a[href="/admin/learners/${ada.userId}"]`)).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText(ada.name);
  await page.goto(`/admin/leaderboards?course=${encodeURIComponent(courseId)}`);
  const board = page.getByRole("table", { name: "Leaderboard" });
  await expect(board.getByRole("row").nth(1)).toContainText(bob.name);
  await expect(board).not.toContainText(ada.name);
  await page.goto(`/admin/learners/${ada.userId}`);
  await expect(page.getByRole("heading", { name: "Learner not found" })).toBeVisible();
  expect((await api.get(`/users/${ada.userId}/stats`)).status).toBe(404);

  // Bob's own embed: Ada's place is gone, and Bob moved up (ranks close up after an erasure).
  const learnerPage = await browser.newPage();
  const learnerBoard = await openBoard(learnerPage, bob, courseId);
  await expect(learnerPage.getByText("You're #1 of 2 with 20 points.")).toBeVisible();
  await expect(learnerBoard).not.toContainText(ada.name);
  await expect(learnerBoard.getByRole("listitem")).toHaveCount(2);
  await learnerPage.close();
});

test("visibility: anonymous, then hidden, on other learners' boards; the learner still sees their own rank", async ({
  signedInPage: admin,
  browser,
  request,
}) => {
  const { api, courseId, ada, bob } = await seedCourse(request);
  const patch = await request.patch(`/api/v1/users/${ada.userId}`, { headers: api.headers, data: { visibility: "anonymous" } });
  expect(patch.status(), await patch.text()).toBe(200);

  const learner = await browser.newPage();
  let board = await openBoard(learner, bob, courseId);
  await expect(learner.getByText("You're #2 of 3 with 20 points.")).toBeVisible();
  const first = board.getByRole("listitem").first();
  await expect(first).toContainText("Anonymous learner");
  await expect(first).toContainText("150");
  await expect(board).not.toContainText(ada.name);
  expect(await learner.content()).not.toContain(ada.userId);
  expect(await learner.content()).not.toContain(ada.name);

  // Ada herself: her own name and rank, as always.
  board = await openBoard(learner, ada, courseId);
  await expect(learner.getByText("You're #1 of 3 with 150 points.")).toBeVisible();
  await expect(learner.locator("li[aria-current=true]")).toContainText(ada.name);

  // The admin hides her from the learner page.
  await admin.goto(`/admin/learners/${ada.userId}`);
  await expect(admin.getByLabel("Visibility")).toHaveValue("anonymous");
  await admin.getByLabel("Visibility").selectOption("hidden");
  await expect(admin.getByText("Visibility set to hidden.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel("Visibility")).toHaveValue("hidden");

  // Bob's board: not there at all, under no name; Bob keeps his rank (a hidden learner holds their place).
  board = await openBoard(learner, bob, courseId);
  await expect(learner.getByText("You're #2 of 3 with 20 points.")).toBeVisible();
  await expect(board.getByRole("listitem").first()).toContainText(bob.name);
  await expect(board).not.toContainText("Anonymous learner");
  await expect(board).not.toContainText("150");
  expect(await learner.content()).not.toContain(ada.userId);
  expect(await learner.content()).not.toContain(ada.name);

  // Ada still sees herself, first.
  board = await openBoard(learner, ada, courseId);
  await expect(learner.getByText("You're #1 of 3 with 150 points.")).toBeVisible();
  await expect(learner.locator("li[aria-current=true]")).toContainText(ada.name);

  // The LMS's own reads are unchanged.
  const stats = await api.get(`/users/${ada.userId}/stats`);
  expect(stats.body.displayName).toBe(ada.name);
  await learner.close();
});
