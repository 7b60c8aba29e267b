import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// Levels (issue 22): the admin's editor with its live preview and generator, and the learner's level and
// progress in the profile embed, with the level-up announced once.

test("the Levels editor previews learners per band, generates bands, refuses a bad ladder and saves", async ({
  signedInPage: page,
  request,
}) => {
  // A learner with 550 points (a hard course, 500, and its first-course badge, 50): level 4 under the shipped bands.
  await lmsApi(request).send({
    id: `lv-e2e-${unique()}`,
    type: "course.completed",
    userId: `lv-admin-${unique()}`,
    courseId: "lv-e2e-course",
    difficulty: "hard",
    occurredAt: new Date(Date.now() - 5_000).toISOString(),
  });
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Levels" }).click();
  await expect(page.getByRole("heading", { name: "Levels", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Levels" });
  await expect(form.getByRole("textbox", { name: /Level \d+ name/ })).toHaveCount(10);
  await expect(form.getByLabel("Level 10 name")).toHaveValue("Legend");
  await expect(page.getByText(/Preview: [\d,]+ learners/)).toBeVisible();
  const level4 = page.getByTestId("level-4-learners");
  await expect(level4).not.toHaveText("0");

  // A start above the next one pauses the preview until the ladder is valid again; an edit moves the counts.
  await form.getByLabel("Level 4 start points").fill("99999");
  await expect(page.getByText("Fix the marked fields to see the preview.")).toBeVisible();
  await form.getByLabel("Level 4 start points").fill("619");
  await expect(level4).toHaveText("0");
  await expect(page.getByTestId("level-3-learners")).not.toHaveText("0");

  // The generator: 5 levels from a first band of 50 points, each twice the one before.
  const grow = page.getByRole("form", { name: "Grow by a factor" });
  await grow.getByLabel("First band size (points)").fill("50");
  await grow.getByLabel("Factor").fill("2");
  await grow.getByLabel("Number of levels").fill("5");
  await grow.getByRole("button", { name: "Generate levels" }).click();
  await expect(form.getByRole("textbox", { name: /Level \d+ name/ })).toHaveCount(5);
  const starts = await Promise.all([1, 2, 3, 4, 5].map((n) => form.getByLabel(`Level ${n} start points`).inputValue()));
  expect(starts).toEqual(["0", "50", "150", "350", "750"]);
  await expect(form.getByLabel("Level 1 name")).toHaveValue("Newcomer");
  await expect(page.getByText(/Preview: [\d,]+ learners/)).toBeVisible();

  // A bad ladder is refused at the field, and nothing is saved.
  await form.getByLabel("Level 3 start points").fill("40");
  await form.getByRole("button", { name: "Save levels" }).click();
  await expect(page.getByText("must be more than level 2's start (50)")).toBeVisible();
  await page.reload();
  await expect(form.getByRole("textbox", { name: /Level \d+ name/ })).toHaveCount(10);

  // A rename saves (and is put back, so other journeys see the shipped names).
  for (const name of ["Legend e2e", "Legend"]) {
    await form.getByLabel("Level 10 name").fill(name);
    await form.getByRole("button", { name: "Save levels" }).click();
    await expect(page.getByText(/Levels saved: 10 levels/).first()).toBeVisible();
    await page.reload();
    await expect(form.getByLabel("Level 10 name")).toHaveValue(name);
  }
});

test("the learner's profile shows their level and the way to the next, and the level-up is announced once", async ({ page, request }) => {
  const userId = `lv-learner-${unique()}`;
  await lmsApi(request).send({
    id: `lv-e2e-${unique()}`,
    type: "course.completed",
    userId,
    courseId: "lv-e2e-course",
    difficulty: "hard",
    occurredAt: new Date(Date.now() - 5_000).toISOString(),
  });
  await page.goto(await embedPath("profile", userId));
  // One celebration, not two dialogs stacked: the badge earned with the level reached.
  const announced = page.getByRole("dialog");
  await expect(announced).toHaveCount(1);
  await expect(announced).toContainText("Badge unlocked");
  await expect(announced).toContainText("Level up: level 4, Explorer");
  await announced.getByRole("button", { name: "Awesome!" }).click();
  await expect(announced).toBeHidden();

  const level = page.getByRole("region", { name: "Your level" });
  await expect(level.getByTestId("level-badge")).toHaveText("Level 4 · Explorer");
  await expect(level.getByTestId("level-next")).toHaveText("70 points to level 5");
  await expect(level.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "150");

  await page.reload();
  await expect(page.getByRole("region", { name: "Your level" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.goto(await embedPath("streak", userId));
  await expect(page.getByTestId("level-badge")).toHaveText("Level 4 · Explorer");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("a level reached without a badge is announced on its own, once", async ({ page, request }) => {
  const userId = `lv-lessons-${unique()}`;
  // Three hard lessons: 150 points (level 2, Learner) and no achievement, so the level is the only news.
  const api = lmsApi(request);
  for (let i = 0; i < 3; i++) {
    await api.send({
      id: `${userId}-l${i}`,
      type: "lesson.completed",
      userId,
      courseId: "lv-e2e-lessons",
      lessonId: `lesson-${i}`,
      difficulty: "hard",
      occurredAt: new Date(Date.now() - 5_000).toISOString(),
    });
  }

  await page.goto(await embedPath("streak", userId));
  const levelUp = page.getByRole("dialog", { name: "Level 2: Learner" });
  await expect(levelUp).toBeVisible();
  await expect(levelUp).toContainText("Next level at 230 points.");
  await levelUp.getByRole("button", { name: "Awesome!" }).click();
  await expect(levelUp).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("level-badge")).toHaveText("Level 2 · Learner");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
