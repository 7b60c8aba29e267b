import http from "node:http";
import type { Page, Request } from "@playwright/test";
import { E2E_BASE_URL, E2E_CROSS_SITE_LMS_ORIGIN, E2E_CROSS_SITE_LMS_PORT } from "./constants";
import { embedToken, expect, lmsApi, test, unique } from "./fixtures";

// Issue 19 item 5: the embeds inside an LMS page on ANOTHER SITE. The LMS page is served here, on 127.0.0.1,
// while the app runs on localhost: two sites, so Chromium stores no cookie the framed page sets over plain
// HTTP (SameSite=Lax from a cross-site response) and sends none. Navigation between the views must work
// anyway: the tabs carry their own link token (server/auth/embed-view-link.ts).

const daysAgo = (days: number) => new Date(Date.now() - 5_000 - days * 86_400_000).toISOString();

/** The LMS: one page framing whatever embed URL it is given in ?src=. */
function startLms(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const src = new URL(req.url ?? "/", E2E_CROSS_SITE_LMS_ORIGIN).searchParams.get("src") ?? "";
    const attribute = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Course page</title><h1>My course</h1>
      <iframe title="Your progress" src="${attribute}" width="420" height="720"></iframe>`);
  });
  return new Promise((resolve) => server.listen(E2E_CROSS_SITE_LMS_PORT, "127.0.0.1", () => resolve(server)));
}

let lms: http.Server;
test.beforeAll(async () => {
  lms = await startLms();
});
test.afterAll(() => new Promise<void>((resolve) => lms.close(() => resolve())));

/** Every request the frame makes to the app, with the cookies it carried. */
function recordEmbedRequests(page: Page) {
  const seen: { url: string; cookie: string }[] = [];
  page.on("request", (request: Request) => {
    if (!request.url().startsWith(`${E2E_BASE_URL}/embed/`)) return;
    void request.allHeaders().then((headers) => seen.push({ url: request.url(), cookie: headers.cookie ?? "" }));
  });
  return seen;
}

test("the tabs work inside an iframe on another site, where the session cookie does not travel", async ({ page, request }) => {
  const api = lmsApi(request);
  const id = unique();
  const courseId = `xsite-${id}`;
  const ada = { userId: `ada-${id}@uni.example`, name: `Ada Cross ${id}` };
  const bob = { userId: `bob-${id}`, name: `Bob Cross ${id}` };
  for (const [learner, days] of [
    [ada, [0, 0, 1]],
    [bob, [0, 0, 0, 0]],
  ] as const) {
    for (const [n, day] of days.entries()) {
      await api.send({
        id: `${learner.userId}-${n}`,
        type: "lesson.completed",
        userId: learner.userId,
        courseId,
        lessonId: `lesson-${n}`,
        occurredAt: daysAgo(day),
        user: { displayName: learner.name },
      });
    }
  }
  // Nothing to announce: a badge dialog is not what this test is about.
  const keys = ((await api.get("/achievements")).body as { key: string }[]).map((a) => a.key);
  expect(
    (
      await request.post(`/api/v1/users/${encodeURIComponent(ada.userId)}/achievements/seen`, { headers: api.headers, data: { keys } })
    ).status(),
  ).toBe(200);
  const requests = recordEmbedRequests(page);
  const embedUrl = `${E2E_BASE_URL}/embed/leaderboard?token=${await embedToken(ada.userId, { courseId })}&theme=dark`;
  expect(new URL(E2E_CROSS_SITE_LMS_ORIGIN).hostname).not.toBe(new URL(E2E_BASE_URL).hostname);
  await page.goto(`${E2E_CROSS_SITE_LMS_ORIGIN}/?src=${encodeURIComponent(embedUrl)}`);
  const frame = page.frameLocator("iframe[title='Your progress']");

  await expect(frame.getByText("You're #2 of 2 with 30 points.")).toBeVisible();
  await expect(frame.locator("li[aria-current=true]")).toContainText(ada.name);

  await frame.getByRole("link", { name: "Profile" }).click();
  await expect(frame.getByRole("heading", { name: ada.name })).toBeVisible();
  await expect(frame.getByText("Lessons completed").locator("..").locator("..")).toContainText("3");
  await expect(frame.locator("[data-theme=dark]")).toBeVisible(); // the theme the LMS asked for stays

  await frame.getByRole("link", { name: "Streak" }).click();
  await expect(frame.getByTestId("current-streak")).toContainText("2");
  await expect(frame.getByTestId("active-today")).toContainText("Active today");

  await frame.getByRole("link", { name: "Leaderboard" }).click();
  await expect(frame.getByText("You're #2 of 2 with 30 points.")).toBeVisible();
  await expect(
    frame
      .getByRole("list", { name: /Leaderboard/ })
      .getByRole("listitem")
      .first(),
  ).toContainText(bob.name);

  // The cookie really did not travel: none was stored for the app, none was sent by the frame's requests.
  expect((await page.context().cookies(E2E_BASE_URL)).map((c) => c.name)).not.toContain("gamify_embed");
  expect(requests.filter((r) => r.url.includes("view=")).length).toBeGreaterThanOrEqual(3);
  for (const r of requests) expect(r.cookie, r.url).not.toContain("gamify_embed");
  // The links' tokens name nobody: not even the viewer's own id shows in a URL the frame used.
  for (const r of requests.filter((x) => !x.url.includes("token="))) {
    expect(decodeURIComponent(r.url)).not.toContain(ada.userId);
    expect(decodeURIComponent(r.url)).not.toContain(courseId);
  }
  // No referrer names them to other sites either.
  const response = await request.get(embedUrl);
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response.headers()["content-security-policy"]).toContain(E2E_CROSS_SITE_LMS_ORIGIN);

  // What the tabs did before (a plain link, relying on the cookie) fails on another site: the old bug.
  await page.goto(`${E2E_CROSS_SITE_LMS_ORIGIN}/?src=${encodeURIComponent(`${E2E_BASE_URL}/embed/profile`)}`);
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Open this page from your course");
});

test("a link between views that was tampered with shows the error page and no data", async ({ page, request }) => {
  const api = lmsApi(request);
  const id = unique();
  const learner = { userId: `cy-${id}`, name: `Cy Cross ${id}` };
  await api.send({
    id: `${learner.userId}-0`,
    type: "lesson.completed",
    userId: learner.userId,
    courseId: `xsite-${id}`,
    lessonId: "lesson-0",
    occurredAt: daysAgo(0),
    user: { displayName: learner.name },
  });
  await page.goto(`/embed/profile?token=${await embedToken(learner.userId, { courseId: `xsite-${id}` })}`);
  const href = await page.getByRole("link", { name: "Streak" }).getAttribute("href");
  const link = new URL(href!, E2E_BASE_URL);
  const view = link.searchParams.get("view")!;
  link.searchParams.set("view", `${view.slice(0, -3)}${view.endsWith("AAA") ? "BBB" : "AAA"}`);
  await page.context().clearCookies();
  await page.goto(link.toString());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link isn't valid");
  await expect(page.locator("body")).not.toContainText(learner.name);
  await expect(page.locator("[data-embed-error]")).toHaveAttribute("data-embed-error", "bad-view-link");
});
