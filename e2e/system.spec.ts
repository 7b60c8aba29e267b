import { expect, lmsApi, test, unique } from "./fixtures";

// The System page: health at a glance and the database's insight, with the figures of the server's own database
// (PGlite by default; PostgreSQL when the run is given E2E_DATABASE_URL).

test("the System page shows the last hour's events, the jobs and the database's tables and statements", async ({
  signedInPage: page,
  request,
}) => {
  const lastHour = async () =>
    Number((await page.getByText("Events, last hour").locator("..").locator("..").locator("p").first().innerText()).replace(/\D/g, ""));

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "System" }).click();
  await expect(page.getByRole("heading", { name: "System", level: 1 })).toBeVisible();
  const before = await lastHour();

  const api = lmsApi(request);
  const id = unique();
  for (let i = 0; i < 3; i++) {
    await api.send({
      id: `sys-${id}-${i}`,
      type: "lesson.completed",
      userId: `sys-${id}`,
      courseId: "c-sys",
      lessonId: `l-${i}`,
      occurredAt: new Date().toISOString(),
    });
  }
  await page.reload();

  const health = page.getByRole("region", { name: "Health at a glance" });
  await expect(health.getByRole("heading", { name: "Health at a glance" })).toBeVisible();
  expect(await lastHour()).toBe(before + 3);
  await expect(health.getByTestId("ingestion-rate").locator("svg.recharts-surface")).toBeVisible();
  await expect(health.getByRole("heading", { name: "Failed jobs, last 24 hours" })).toBeVisible();
  await expect(health.getByRole("heading", { name: "Webhook endpoints failing now" })).toBeVisible();
  const weekly = health.getByRole("row").filter({ hasText: "Weekly close" });
  await expect(weekly).toBeVisible();
  await expect(weekly.getByRole("cell").nth(3)).toHaveText(/\d{2}:\d{2}/);

  const database = page.getByRole("region", { name: "Database" });
  const event = database.getByRole("row").filter({ has: page.getByRole("cell", { name: "event", exact: true }) });
  await expect(event.getByRole("cell").nth(1)).toHaveText(/^\d+(\.\d)? (B|kB|MB|GB)$/);
  await expect(database.getByRole("heading", { name: "Slowest statements" })).toBeVisible();
  const statements = database.getByRole("table").first().getByRole("row");
  expect(await statements.count()).toBeGreaterThan(1);
  await expect(database.getByRole("heading", { name: "Connections" })).toBeVisible();
  await expect(database.getByText(/one connection|to this database/).first()).toBeVisible();
});
