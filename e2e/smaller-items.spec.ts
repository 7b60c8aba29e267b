import { formatDateTime } from "@/components/admin/format";
import { nextSlotAfter } from "@/server/lib/job-schedule";
import { expect, lmsApi, test, unique } from "./fixtures";

// The smaller things issue 19 saw, each as an admin would notice it.

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

test.describe("smaller items of issue 19", () => {
  test("imported history counts on the days it happened, and the chart's axis labels fit", async ({ signedInPage: page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    await page.goto("/admin");
    const eventsToday = page.getByRole("region", { name: "Key numbers" }).getByText("Events today", { exact: true }).locator("../..");
    const before = await eventsToday.innerText();

    // 1,200 events of twenty days ago, received now (an import): one day of the chart, not today.
    for (let batch = 0; batch < 3; batch++) {
      const events = Array.from({ length: 400 }, (_, i) => ({
        id: `${id}-${batch}-${i}`,
        type: "user.login",
        userId: `hist-${id}-${batch * 400 + i}`,
        occurredAt: daysAgo(20),
      }));
      const res = await request.post("/api/v1/events/batch", { headers: api.headers, data: { events } });
      expect(res.status(), await res.text()).toBe(200);
    }

    await page.reload();
    await expect.poll(() => eventsToday.innerText()).toBe(before);
    await expect(page.getByText(/Learning events by the day they happened/)).toBeVisible();
    // Four-digit ticks ("1,600") stay inside the chart, none cut at its left edge.
    const chart = page.locator(".recharts-surface").first();
    await expect(chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").last()).toHaveText(/\d,\d{3}/);
    const left = (await chart.boundingBox())!.x;
    for (const tick of await chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").all()) {
      expect((await tick.boundingBox())!.x).toBeGreaterThanOrEqual(left);
    }
  });

  test("a new API key comes with a curl that wraps in its box and copies with one click", async ({ signedInPage: page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto("/admin/api-keys");
    await page.getByLabel("Name").fill(`curl-${unique()}`);
    await page.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByTestId("new-api-key").innerText();

    const curl = page.getByTestId("api-key-curl");
    await expect(curl).toContainText(`Bearer ${key}`);
    // Wrapped inside its box: nothing to scroll sideways, in the box or on the page.
    expect(await curl.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole("button", { name: "Copy command" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await curl.innerText());
    expect(copied).toMatch(
      /^curl -H "Authorization: Bearer gk_[^"]+" "http:\/\/localhost:\d+\/api\/v1\/leaderboards\/global\?period=weekly"$/,
    );
  });

  test("the achievement form's placeholders follow the chosen kind", async ({ signedInPage: page }) => {
    await page.goto("/admin/achievements");
    await page.getByRole("button", { name: "New achievement" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Earned for")).toHaveValue("lessons_completed");
    await expect(dialog.getByLabel("Name", { exact: true })).toHaveAttribute("placeholder", "Five lessons");
    await expect(dialog.getByLabel("Description")).toHaveAttribute("placeholder", "Complete five lessons.");
    await dialog.getByLabel("Earned for").selectOption("streak_days");
    await expect(dialog.getByLabel("Name", { exact: true })).toHaveAttribute("placeholder", "Ten-day streak");
    await expect(dialog.getByLabel("Key", { exact: true })).toHaveAttribute("placeholder", "streak-10");
  });

  test("each scheduled job says who runs it and when, from its cron", async ({ signedInPage: page }) => {
    await page.goto("/admin/rules");
    const zone = /\(([^()]+)\)\s*$/.exec(await page.getByText(/^Rules version \d+/).innerText())![1]!;
    await page.goto("/admin/jobs");
    await expect(page.getByText("Built-in scheduler (no Inngest server configured)")).toBeVisible();
    const card = page.getByTestId("job-weekly-close");
    const next = formatDateTime(nextSlotAfter("weekly-close", new Date())!, zone);
    await expect(card.getByText(`Hourly at :05 · next run ${next} · run by the built-in scheduler`)).toBeVisible();
    // A job that runs on demand promises no schedule.
    await expect(page.getByTestId("job-achievement-backfill")).not.toContainText("run by");
  });
});
