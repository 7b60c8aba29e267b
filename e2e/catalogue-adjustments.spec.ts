import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// Issue 19, items 1, 2 and 4, as an admin and a learner meet them: an adjustment asks first and never takes a
// learner below 0; courses and lessons read by title; a course override starts from the organisation's values.

const points = new Intl.NumberFormat("en");
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

test.describe("adjustments, titles and overrides", () => {
  test("an adjustment shows the new total and asks; a total below 0 is refused at the field", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const userId = `adj-${id}`;
    // Two hard courses: 1,000 points and more (badges included), so the totals need a thousands separator.
    for (const course of ["a", "b"]) {
      await api.send({
        id: `${id}-${course}`,
        type: "course.completed",
        userId,
        courseId: `adj-${course}-${id}`,
        difficulty: "hard",
        occurredAt: minutesAgo(5),
      });
    }
    const total: number = (await api.get(`/users/${userId}/stats`)).body.points.allTime;
    expect(total).toBeGreaterThanOrEqual(1000);

    await page.goto(`/admin/learners/${userId}`);
    const form = page.getByRole("form", { name: "Adjust points" });
    const stats = page.getByRole("region", { name: "Statistics" });
    await expect(stats).toContainText(points.format(total));

    // The typo of the issue: far below 0. Refused at the field before anything is asked or sent.
    await form.getByLabel("Points").fill("-5000");
    await form.getByLabel("Reason").fill("Typo");
    await form.getByRole("button", { name: "Record adjustment" }).click();
    await expect(
      form.getByText(`Would take the total below 0 (${points.format(total)} points now): at least -${points.format(total)}`),
    ).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // A sensible one: the confirmation shows the new total, formatted; Cancel changes nothing.
    await form.getByLabel("Points").fill("-20");
    await form.getByRole("button", { name: "Record adjustment" }).click();
    const confirm = page.getByRole("dialog", { name: "Apply this adjustment?" });
    await expect(confirm).toContainText(`-20 points. New total: ${points.format(total - 20)} points. Apply?`);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    expect((await api.get(`/users/${userId}/stats`)).body.points.allTime).toBe(total);

    await form.getByRole("button", { name: "Record adjustment" }).click();
    await page.getByRole("dialog", { name: "Apply this adjustment?" }).getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText(`Adjusted by -20 points. New total: ${points.format(total - 20)} points.`)).toBeVisible();
    await expect(stats).toContainText(points.format(total - 20));
    expect((await api.get(`/users/${userId}/stats`)).body.points.allTime).toBe(total - 20);

    // Another admin takes most of the points meanwhile: this page still shows the old total, so it asks, and
    // the server, which reads the total under the learner's lock, refuses; the refusal shows at the field.
    const other = await page.context().newPage();
    await other.goto(`/admin/learners/${userId}`);
    const otherForm = other.getByRole("form", { name: "Adjust points" });
    await otherForm.getByLabel("Points").fill(String(-(total - 30)));
    await otherForm.getByLabel("Reason").fill("Duplicate import");
    await otherForm.getByRole("button", { name: "Record adjustment" }).click();
    await other.getByRole("dialog", { name: "Apply this adjustment?" }).getByRole("button", { name: "Apply" }).click();
    // The toast, not the dialog's own "New total" line: closing the page before the answer would cancel it.
    await expect(other.getByText(/^Adjusted by .+ points\. New total: 10 points\.$/)).toBeVisible();
    await other.close();

    await form.getByLabel("Points").fill("-100");
    await form.getByLabel("Reason").fill("Late correction");
    await form.getByRole("button", { name: "Record adjustment" }).click();
    await page.getByRole("dialog", { name: "Apply this adjustment?" }).getByRole("button", { name: "Apply" }).click();
    await expect(form.getByText("Would take the total below 0 (10 points now): at least -10")).toBeVisible();
    expect((await api.get(`/users/${userId}/stats`)).body.points.allTime).toBe(10);
    await page.reload();
    await expect(page.getByRole("table", { name: "Ledger" }).getByText("Late correction")).toHaveCount(0);
  });

  test("the learner's history and the admin's learner page read courses and lessons by title", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const userId = `titles-${id}`;
    const courseId = `statistics-${id}`;
    const put = await request.put(`/api/v1/courses/${courseId}`, {
      headers: api.headers,
      data: { title: "Statistics for beginners", lessons: [{ lessonId: "lesson-9", title: "Standard deviation" }] },
    });
    expect(put.status()).toBe(200);
    await api.send({
      id: `${id}-1`,
      type: "lesson.completed",
      userId,
      courseId,
      lessonId: "lesson-9",
      occurredAt: minutesAgo(9),
      user: { displayName: "Tia" },
    });
    // A lesson with no title yet: its id. Its course's title comes with this event.
    await api.send({
      id: `${id}-2`,
      type: "lesson.completed",
      userId,
      courseId: `git-flow-${id}`,
      courseTitle: "Git flow",
      lessonId: "branches",
      occurredAt: minutesAgo(8),
    });
    await api.send({ id: `${id}-3`, type: "course.completed", userId, courseId: `git-flow-${id}`, occurredAt: minutesAgo(7) });

    const expected = [
      "Course “Git flow” completed",
      "Lesson “branches” completed in “Git flow”",
      "Lesson “Standard deviation” completed in “Statistics for beginners”",
    ];

    await page.goto(await embedPath("profile", userId));
    for (const line of expected) await expect(page.getByText(line, { exact: true })).toBeVisible();
    await expect(page.getByText(`lesson-9`)).toHaveCount(0);

    await page.goto(`/admin/learners/${userId}`);
    const ledger = page.getByRole("table", { name: "Ledger" });
    for (const line of expected) await expect(ledger.getByText(line, { exact: true })).toBeVisible();
    await expect(ledger).not.toContainText(courseId);
  });

  test("a course override starts from the organisation's values, for a course picked by its title", async ({
    signedInPage: page,
    request,
  }) => {
    const api = lmsApi(request);
    const id = unique();
    const courseId = `rocketry-${id}`;
    const title = `Rocketry ${id}`;
    expect((await request.put(`/api/v1/courses/${courseId}`, { headers: api.headers, data: { title } })).status()).toBe(200);
    const raise = await page.request.post("/api/trpc/admin.rules.update", { data: { json: { lessonEasy: 12, courseHard: 480 } } });
    expect(raise.status()).toBe(200);
    try {
      await page.goto("/admin/rules");
      await page.getByRole("button", { name: "Add override" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a course override" });
      await expect(dialog.getByLabel("Easy lesson points")).toHaveValue("12");
      await expect(dialog.getByLabel("Medium lesson points")).toHaveValue("25");
      await expect(dialog.getByLabel("Hard course points")).toHaveValue("480");

      const course = dialog.getByRole("combobox", { name: "Course" });
      await course.fill(`rocketry ${id}`);
      await dialog.getByRole("option", { name: new RegExp(title) }).click();
      await expect(course).toHaveValue(title);
      await dialog.getByLabel("Hard lesson points").fill("60");
      await dialog.getByRole("button", { name: "Add override" }).click();

      const row = page.getByRole("table", { name: "Course overrides" }).getByRole("row", { name: new RegExp(title) });
      await expect(row).toContainText(courseId);
      await expect(row).toContainText("12 / 25 / 60");
      await expect(row).toContainText("100 / 250 / 480");
      const paid = await api.send({
        id: `${id}-e`,
        type: "lesson.completed",
        userId: `rk-${id}`,
        courseId,
        lessonId: "l1",
        occurredAt: minutesAgo(1),
      });
      expect(paid.pointsAwarded).toBe(12);

      await page.getByRole("button", { name: `Remove override of ${courseId}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Remove override" }).click();
      await expect(page.getByText(`Course ${courseId} uses the organisation's values again.`)).toBeVisible();
      await expect(row).toHaveCount(0);
    } finally {
      const reset = await page.request.post("/api/trpc/admin.rules.update", { data: { json: { lessonEasy: 10, courseHard: 500 } } });
      expect(reset.status()).toBe(200);
    }
  });
});
