import type { Page } from "@playwright/test";
import { expect, lmsApi, test, unique } from "./fixtures";

// The admin dashboard, page by page, as an admin uses it. Each test seeds its own learners over the LMS
// REST API (unique ids) and saves a screenshot for docs/user-guide.md.

/** A full-page screenshot for the user guide, from the top, without passing toasts. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `docs/images/${name}.png`, fullPage: true, style: "[data-sonner-toaster] { display: none !important; }" });
}
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** One lesson of course c-<id> for the learner at each of `times` (ids <id>-0, <id>-1, ...). */
async function sendLessons(api: ReturnType<typeof lmsApi>, id: string, learner: string, displayName: string, times: string[]) {
  for (const [i, occurredAt] of times.entries()) {
    await api.send({
      id: `${id}-${i}`,
      type: "lesson.completed",
      userId: learner,
      courseId: `c-${id}`,
      lessonId: `l${i}`,
      occurredAt,
      user: { displayName },
    });
  }
}

test.describe("admin dashboard", () => {
  test("the overview shows the numbers and the charts", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    for (let i = 0; i < 3; i++) {
      await api.send({
        id: `${id}-l${i}`,
        type: "lesson.completed",
        userId: `ov-${id}`,
        courseId: `c-${id}`,
        lessonId: `l${i}`,
        occurredAt: minutesAgo(30 - i),
        user: { displayName: "Olivia Overview" },
      });
    }
    await api.send({ id: `${id}-login`, type: "user.login", userId: `ov2-${id}`, occurredAt: daysAgo(1) });

    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const numbers = page.getByRole("region", { name: "Key numbers" });
    for (const label of ["Learners", "Events today", "Events this week", "Points awarded", "Active streaks", "Achievements earned"]) {
      await expect(numbers.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(page.getByText("Events per day")).toBeVisible();
    await expect(page.getByText("Points by activity")).toBeVisible();
    await expect(page.getByText("Achievement unlocks")).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await shot(page, "overview");
  });

  test("create an achievement and see it awarded retroactively", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const learner = `ach-${id}`;
    // Seven lessons: this learner qualifies (other tests' learners with as many may too).
    await sendLessons(
      api,
      id,
      learner,
      "Ada Achiever",
      Array.from({ length: 7 }, (_, i) => minutesAgo(60 - i)),
    );

    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Achievements" }).click();
    await expect(page.getByRole("heading", { name: "Achievements" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Achievements" })).toContainText("First Course");
    await shot(page, "achievements");

    await page.getByRole("button", { name: "New achievement" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();

    // Mistakes are explained next to the field, and nothing is sent.
    await dialog.getByLabel("Lessons", { exact: true }).fill("0");
    await dialog.getByRole("button", { name: "Create achievement" }).click();
    await expect(dialog.getByText("Is required")).toBeVisible();
    await expect(dialog.getByText("Must be at least 1")).toBeVisible();

    const name = `Seven lessons ${id}`;
    await dialog.getByLabel("Name", { exact: true }).fill(name);
    await expect(dialog.getByLabel("Key", { exact: true })).toHaveValue(`seven-lessons-${id}`);
    await dialog.getByLabel("Description").fill("Complete seven lessons.");
    await dialog.getByLabel("Earned for").selectOption("lessons_completed");
    await dialog.getByLabel("Lessons", { exact: true }).fill("7");
    await dialog.getByLabel("Points", { exact: true }).fill("70");
    await dialog.getByTitle("rocket").click();
    await expect(dialog.getByRole("radio", { name: "rocket" })).toBeChecked();
    await expect(dialog.getByText("Learners earn it when they: Complete 7 lessons")).toBeVisible();
    // A modal does not suit a full-page capture: make the window tall enough to show all of it instead.
    await page.setViewportSize({ width: 1280, height: 1300 });
    await page.screenshot({ path: "docs/images/achievement-form.png" });
    await page.setViewportSize({ width: 1280, height: 720 });
    await dialog.getByRole("button", { name: "Create achievement" }).click();

    await expect(page.getByRole("status").filter({ hasText: `"${name}" was awarded retroactively to` })).toBeVisible();
    const row = page.getByTestId(`achievement-seven-lessons-${id}`);
    await expect(row).toContainText("Active");
    await expect(row.getByTestId("earned-by")).not.toHaveText("0 learners");

    // The learner holds it, with its points.
    await page.goto(`/admin/learners/${learner}`);
    await expect(page.getByRole("list", { name: "Earned achievements" })).toContainText(name);

    // Deactivate and re-activate.
    await page.goto("/admin/achievements");
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expect(row).toContainText("Inactive");
    await row.getByRole("button", { name: `Activate ${name}` }).click();
    await expect(row).toContainText("Active");
    // Already held: nobody new, and the message counts who holds it (other tests' learners may hold it too).
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: new RegExp(`No other learner qualifies for "${name}" yet\\. [\\d,]+ learners? already holds? it\\.`) }),
    ).toBeVisible();

    // Edit: the key stays, the points change.
    await row.getByRole("button", { name: `Edit ${name}` }).click();
    await expect(dialog.getByLabel("Key", { exact: true })).toHaveAttribute("readonly", "");
    await dialog.getByLabel("Points", { exact: true }).fill("75");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("75");

    // Leave it inactive, so the other tests' learners never see it.
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expect(row).toContainText("Inactive");
  });

  test("edit a point rule and the next event uses it", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Point rules" }).click();
    await expect(page.getByRole("heading", { name: "Point rules" })).toBeVisible();
    await expect(page.getByText("Changes take effect for events received after you save.")).toBeVisible();
    await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("UTC");
    try {
      // A per-course override: add it, see it listed (and used), remove it.
      await page.getByRole("button", { name: "Add override" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("combobox", { name: "Course" }).fill(`co-${id}`);
      await dialog.getByLabel("Easy lesson points").fill("3");
      await dialog.getByRole("button", { name: "Add override" }).click();
      const overrides = page.getByRole("table", { name: "Course overrides" });
      await expect(overrides).toContainText(`co-${id}`);
      await expect(overrides).toContainText("3 / 25 / 50");
      await shot(page, "rules");
      const easy = await api.send({
        id: `${id}-easy`,
        type: "lesson.completed",
        userId: `rule-${id}`,
        courseId: `co-${id}`,
        lessonId: "l1",
        occurredAt: minutesAgo(2),
      });
      expect(easy.pointsAwarded).toBe(3);
      await page.getByRole("button", { name: `Remove override of co-${id}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Remove override" }).click();
      await expect(page.getByText(`Course co-${id} uses the organisation's values again.`)).toBeVisible();

      const hard = page.getByLabel("Hard lesson points");
      await expect(hard).toHaveValue("50");
      await hard.fill("-1");
      await page.getByRole("button", { name: "Save rules" }).click();
      await expect(page.getByText("Must be 0 or more")).toBeVisible();

      await hard.fill("77");
      await page.getByRole("button", { name: "Save rules" }).click();
      await expect(page.getByText("Point rules saved.")).toBeVisible();
      await expect(page.getByLabel("Hard lesson points")).toHaveValue("77");

      const outcome = await api.send({
        id: `${id}-hard`,
        type: "lesson.completed",
        userId: `rule-${id}`,
        courseId: `c-${id}`,
        lessonId: "l1",
        difficulty: "hard",
        occurredAt: minutesAgo(1),
      });
      expect(outcome.pointsAwarded).toBe(77);

      await page.goto("/admin/audit?category=rules");
      const audit = page.getByRole("table", { name: "Audit log" });
      await expect(audit).toContainText("Changed point rules");
      await expect(audit).toContainText("Hard lesson: 50 → 77");
      await expect(audit).toContainText("Added a course override");
    } finally {
      // Put the default back for the other tests, whatever happened above.
      const reset = await page.request.post("/api/trpc/admin.rules.update", { data: { json: { lessonHard: 50 } } });
      expect(reset.status()).toBe(200);
    }
  });

  test("browse a weekly leaderboard, pick a past week, and jump to a learner", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const course = `board-${id}`;
    const learners = [
      { userId: `b1-${id}`, name: "Bea First", lessons: 3 },
      { userId: `b2-${id}`, name: "Ben Second", lessons: 2 },
      { userId: `b3-${id}`, name: "Bo Third", lessons: 1 },
    ];
    for (const l of learners) {
      for (let i = 0; i < l.lessons; i++) {
        await api.send({
          id: `${l.userId}-${i}`,
          type: "lesson.completed",
          userId: l.userId,
          courseId: course,
          lessonId: `l${i}`,
          occurredAt: minutesAgo(10 + i),
          user: { displayName: l.name },
        });
      }
    }

    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Leaderboards" }).click();
    await expect(page.getByRole("heading", { name: "Leaderboards" })).toBeVisible();
    await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Weekly" }).click();
    await expect(page.getByLabel("Week", { exact: true })).toBeVisible();
    await page.getByLabel("Board", { exact: true }).selectOption(course);
    await expect(page).toHaveURL(new RegExp(`course=${course}`));
    await expect(page.getByRole("heading", { name: new RegExp(`Course ${course}`) })).toBeVisible();
    const board = page.getByRole("table", { name: "Leaderboard" });
    await expect(board.getByRole("row")).toHaveCount(4);
    await expect(board.getByRole("row").nth(1)).toContainText("Bea First");
    await expect(board.getByRole("row").nth(1)).toContainText("30");
    await expect(board.getByRole("row").nth(3)).toContainText("Bo Third");
    await expect(page.getByText("In progress")).toBeVisible();

    await page.getByLabel("Find a learner", { exact: true }).fill(`b2-${id}`);
    await page.getByRole("button", { name: "Jump to" }).click();
    await expect(page).toHaveURL(new RegExp(`learner=b2-${id}`));
    await expect(page).toHaveURL(new RegExp(`course=${course}`));
    await expect(board.locator('tr[aria-current="true"]')).toContainText("Ben Second");
    await shot(page, "leaderboards");

    // Last week: nobody in this new course earned anything then.
    const week = page.getByLabel("Week", { exact: true });
    const lastWeek = await week.locator("option").nth(1).getAttribute("value");
    await week.selectOption(lastWeek!);
    await expect(page).toHaveURL(new RegExp(`at=${lastWeek}`));
    await expect(page.getByText("Nobody on this board yet")).toBeVisible();
  });

  test("open a learner and adjust points with a reason, visible in the ledger and the audit log", async ({
    signedInPage: page,
    request,
  }) => {
    const api = lmsApi(request);
    const id = unique();
    const learner = `lr-${id}`;
    await sendLessons(api, id, learner, "Lin Learner", [daysAgo(2), daysAgo(1), minutesAgo(5)]);

    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Learners" }).click();
    await page.getByLabel("Search learners").fill(learner);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${learner}`));
    await shot(page, "learners");
    await page.getByRole("link", { name: /Lin Learner/ }).click();

    await expect(page.getByRole("heading", { name: "Lin Learner" })).toBeVisible();
    const stats = page.getByRole("region", { name: "Statistics" });
    await expect(stats).toContainText("3 days"); // a three-day streak
    await expect(page.getByRole("img", { name: /3 active days/ })).toBeVisible();
    const ledger = page.getByRole("table", { name: "Ledger" });
    await expect(ledger).toContainText("Streak continued");

    // The reason is required.
    await page.getByLabel("Points", { exact: true }).fill("25");
    await page.getByRole("button", { name: "Record adjustment" }).click();
    await expect(page.getByText("Is required")).toBeVisible();

    await page.getByLabel("Reason").fill(`Workshop bonus ${id}`);
    await page.getByRole("button", { name: "Record adjustment" }).click();
    // It asks first, with the new total (issue 19).
    await page.getByRole("dialog", { name: "Apply this adjustment?" }).getByRole("button", { name: "Apply" }).click();
    await expect(ledger.getByRole("row").nth(1)).toContainText(`Adjusted by an admin: Workshop bonus ${id}`);
    await expect(ledger.getByRole("row").nth(1)).toContainText("+25");
    await expect(ledger.getByRole("row").nth(1)).toContainText("e2e@test.local");
    await shot(page, "learner");

    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Audit log" }).click();
    const audit = page.getByRole("table", { name: "Audit log" });
    await expect(audit.getByRole("row").nth(1)).toContainText("Adjusted points");
    await expect(audit.getByRole("row").nth(1)).toContainText(`Workshop bonus ${id}`);
    await expect(audit.getByRole("row").nth(1)).toContainText("e2e@test.local");
    await shot(page, "audit");
  });

  test("create an API key, use it, revoke it: a revoked key gets 401", async ({ signedInPage: page, request }) => {
    const name = `lms-${unique()}`;
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "API keys" }).click();
    await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^gk_/);
    await expect(page.getByText("it will not be shown again")).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy key" })).toBeVisible();
    const row = page.getByTestId(`api-key-${name}`);
    await expect(row).toContainText("Active");
    await expect(row).toContainText(key.slice(0, 8));
    await shot(page, "api-keys");

    const headers = { authorization: `Bearer ${key}` };
    expect((await request.get("/api/v1/achievements", { headers })).status()).toBe(200);

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await expect(row).toContainText("Revoked");
    expect((await request.get("/api/v1/achievements", { headers })).status()).toBe(401);

    await page.goto("/admin/audit?category=api-keys");
    const audit = page.getByRole("table", { name: "Audit log" });
    await expect(audit.getByRole("row").nth(1)).toContainText("Revoked an API key");
    await expect(audit.getByRole("row").nth(2)).toContainText("Created an API key");
    await expect(audit).not.toContainText(key);
  });

  test("run a job now and see its run", async ({ signedInPage: page }) => {
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Jobs" }).click();
    await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
    await expect(page.getByText("Built-in scheduler (no Inngest server configured)")).toBeVisible();
    const job = page.getByTestId("job-streak-check");
    await job.getByRole("button", { name: "Run Daily streak check now" }).click();
    const runs = job.getByRole("table", { name: "Daily streak check runs" });
    await expect(runs.getByRole("row").nth(1)).toContainText("Dashboard");
    await expect(runs.getByRole("row").nth(1)).toContainText("Succeeded");
    await expect(runs.getByRole("row").nth(1)).toContainText("active streaks");
    await page.getByTestId("job-weekly-close").getByRole("button", { name: "Run Weekly close now" }).click();
    await expect(page.getByTestId("job-weekly-close").getByRole("table")).toContainText("Succeeded");
    await shot(page, "jobs");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  });

  test("every page fits a small laptop screen, with a heading", async ({ signedInPage: page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const pages = [
      ["/admin", "Overview"],
      ["/admin/achievements", "Achievements"],
      ["/admin/rules", "Point rules"],
      ["/admin/leaderboards?period=weekly", "Leaderboards"],
      ["/admin/learners", "Learners"],
      ["/admin/api-keys", "API keys"],
      ["/admin/jobs", "Jobs"],
      ["/admin/audit", "Audit log"],
    ] as const;
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });

  test("signed out, admin pages and admin procedures are refused", async ({ page, request }) => {
    for (const path of ["/admin/achievements", "/admin/rules", "/admin/learners/someone", "/admin/api-keys", "/admin/audit"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\/sign-in$/);
    }
    const read = await request.get("/api/trpc/admin.apiKeys.list");
    expect(read.status()).toBe(401);
    const write = await request.post("/api/trpc/admin.rules.update", { data: { json: { lessonEasy: 1000 } } });
    expect(write.status()).toBe(401);
    expect((await write.json()).error.json.data.code).toBe("UNAUTHORIZED");
  });
});
