import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// axe-core on every admin page and every learner embed, light and dark, with seeded data so the pages show
// their tables, charts and badges. Admin pages are the sidebar's links (pages added later are covered
// without a change here) plus the pages only reached from them: a learner, a webhook, the xAPI mapping.
// Motion is reduced so colours are checked as they settle, not in the middle of an entrance animation.

const SCHEMES = ["light", "dark"] as const;

/** Two learners of a course of their own, with lessons over the last days (badges, a streak, a board). */
async function seedLearners(request: APIRequestContext) {
  const api = lmsApi(request);
  const id = unique();
  const courseId = `a11y-${id}`;
  const learners = [`ada-${id}`, `bob-${id}`];
  for (const [n, userId] of learners.entries()) {
    for (let i = 0; i < 11 - n * 4; i++) {
      await api.send({
        id: `${userId}-l${i}`,
        type: "lesson.completed",
        userId,
        courseId,
        lessonId: `lesson-${i}`,
        difficulty: "easy",
        occurredAt: new Date(Date.now() - 5_000 - (i % 4) * 86_400_000).toISOString(),
        user: { displayName: `${n === 0 ? "Ada" : "Bob"} ${id}` },
      });
    }
  }
  return { courseId, learner: learners[0]! };
}

/** Serious and critical violations on the page as it is, one line each (rule, element), for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`));
}

async function expectAccessible(page: Page, path: string, scheme: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), `${path} (${scheme})`).toEqual([]);
}

test.describe("accessibility (axe-core)", () => {
  test("the sign-in page, light and dark", async ({ page }) => {
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await expectAccessible(page, "/admin/sign-in", colorScheme);
    }
  });

  test("every admin page, light and dark", async ({ signedInPage: page, request }) => {
    test.setTimeout(300_000);
    const { learner } = await seedLearners(request);
    // A webhook endpoint, for the endpoints table and its detail page.
    await page.goto("/admin/webhooks");
    await page.getByLabel("URL").fill(`https://93.184.215.14/hooks/${unique()}`);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toBeVisible();
    const webhook = await page.getByRole("row").getByRole("link", { name: /hooks/ }).first().getAttribute("href");

    const sidebar = await page
      .getByRole("navigation", { name: "Dashboard" })
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(sidebar.length).toBeGreaterThan(5);
    const paths = [...sidebar, `/admin/learners/${learner}`, webhook!, "/admin/xapi/mapping"];
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      for (const path of paths) await expectAccessible(page, path, colorScheme);
    }
  });

  test("the error pages: an embed without a token, an unknown learner, light and dark", async ({ signedInPage: page }) => {
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await expectAccessible(page, "/embed/profile", colorScheme);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open this page from your course");
      await expectAccessible(page, `/admin/learners/nobody-${unique()}`, colorScheme);
      await expect(page.getByRole("heading", { name: "Learner not found" })).toBeVisible();
    }
  });

  test("the public credential verification page, light and dark", async ({ page, request }) => {
    const { learner } = await seedLearners(request);
    const { status, body } = await lmsApi(request).get(`/users/${learner}/achievements/lessons-10/credential`);
    expect(status).toBe(200);
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await expectAccessible(page, (body as { id: string }).id, colorScheme);
      await expect(page.getByRole("region", { name: "Verification result" }).first().getByRole("status")).toContainText("Valid credential");
    }
  });

  test("Escape closes the badge announcement, and it is not shown again", async ({ page, request }) => {
    const { learner, courseId } = await seedLearners(request);
    const url = await embedPath("profile", learner, { courseId });
    await page.goto(url);
    const badge = page.getByRole("dialog").filter({ has: page.locator("#announce-title") });
    await expect(badge).toBeVisible();
    // A level reached may be announced over it: each Escape closes the dialog on top, until none is left.
    const open = await page.getByRole("dialog").count();
    for (let n = 0; n < open; n++) await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });

  test("every learner embed, light and dark, also with its theme forced and with a badge announced", async ({ page, request }) => {
    test.setTimeout(180_000);
    const { learner, courseId } = await seedLearners(request);
    // The first visit announces the new badges in a dialog: checked with it open.
    await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
    await page.goto(await embedPath("profile", learner, { courseId }));
    await expect(page.getByRole("dialog").filter({ has: page.locator("#announce-title") })).toBeVisible();
    expect(await seriousViolations(page), "profile with its announcement").toEqual([]);

    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      for (const view of ["leaderboard", "profile", "streak"] as const) {
        const url = await embedPath(view, learner, { courseId });
        await expectAccessible(page, url, colorScheme);
        // ?theme= forces the other theme than the system's.
        await expectAccessible(page, `${url}&theme=${colorScheme === "light" ? "dark" : "light"}`, `${colorScheme} system, forced`);
      }
    }
  });
});
