import { SignJWT, UnsecuredJWT } from "jose";
import type { Page } from "@playwright/test";
import { E2E_EMBED_SECRET } from "./constants";
import { expect, lmsApi, test, unique } from "./fixtures";

// The learner embeds as an LMS uses them: it signs a token with the shared secret (here with jose, as
// docs/embedding.md shows) and opens /embed/<page>?token=... in an iframe. Each test seeds its own learners
// over the REST API, in a course of its own, so ranks on that course's board are the test's alone.

const key = new TextEncoder().encode(E2E_EMBED_SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

function signToken(sub: string, options: { courseId?: string; expiresIn?: number; secret?: Uint8Array } = {}) {
  return new SignJWT(options.courseId ? { courseId: options.courseId } : {})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setExpirationTime(nowSeconds() + (options.expiresIn ?? 600))
    .sign(options.secret ?? key);
}

const embed = async (page: "leaderboard" | "profile" | "streak", sub: string, options: Parameters<typeof signToken>[1] = {}) =>
  `/embed/${page}?token=${await signToken(sub, options)}`;

/** An instant `days` before now (a few seconds back, so it is never in the future). */
const daysAgo = (days: number) => new Date(Date.now() - 5_000 - days * 86_400_000).toISOString();

interface Learner {
  userId: string;
  name: string;
}

/** A learner for one test: user id `<name>-<id>`, display name `<Name> <id>`. */
const named = (name: string, id: string): Learner => ({ userId: `${name.toLowerCase()}-${id}`, name: `${name} ${id}` });

/** Lessons in a course: `perDay[i]` lessons `i` days ago. Ten lessons earn "Ten Lessons". */
async function seedLessons(
  api: ReturnType<typeof lmsApi>,
  learner: Learner,
  courseId: string,
  perDay: number[],
  difficulty: "easy" | "medium" | "hard" = "easy",
) {
  let n = 0;
  for (const [days, count] of perDay.entries()) {
    for (let i = 0; i < count; i++, n++) {
      await api.send({
        id: `${learner.userId}-${courseId}-l${n}`,
        type: "lesson.completed",
        userId: learner.userId,
        courseId,
        lessonId: `lesson-${n}`,
        difficulty,
        occurredAt: daysAgo(days),
        user: { displayName: learner.name },
      });
    }
  }
}

/** A new learner named `name` with lessons of a course of their own, and the URL of their profile embed. */
async function profileOfNewLearner(request: Parameters<typeof lmsApi>[0], name: string, perDay: number[]) {
  const id = unique();
  const learner = named(name, id);
  await seedLessons(lmsApi(request), learner, `course-${id}`, perDay);
  return { learner, url: await embed("profile", learner.userId) };
}

async function markAllSeen(api: ReturnType<typeof lmsApi>, request: Parameters<typeof lmsApi>[0], userId: string) {
  const res = await request.post(`/api/v1/users/${userId}/achievements/seen`, {
    headers: api.headers,
    data: { keys: ["lessons-10", "courses-1", "streak-7", "perfect-course", "speed-course"] },
  });
  expect(res.status()).toBe(200);
}

const announcement = (page: Page) => page.getByRole("dialog");

test.describe("learner embeds", () => {
  test("a token for a seeded learner shows their rank, badges and streak, from the first HTML on", async ({ page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const courseId = `course-${id}`;
    const ada: Learner = named("Ada", id);
    const bob: Learner = named("Bob", id);
    await seedLessons(api, ada, courseId, [5, 5]); // today and yesterday: 100 points, "Ten Lessons", a 2-day streak
    await seedLessons(api, bob, courseId, [3], "hard"); // 150 points: first on the course board
    await markAllSeen(api, request, ada.userId);

    // Server-rendered: the HTML itself (no JavaScript) holds the learner's data.
    const html = await (await request.get(await embed("profile", ada.userId))).text();
    expect(html).toContain(ada.name);
    expect(html).toContain("Ten Lessons");

    await page.goto(await embed("leaderboard", ada.userId, { courseId }));
    // Her 100 points reach level 2, announced once (her badges were marked seen by the LMS): she closes it.
    await expect(announcement(page)).toHaveAccessibleName("Level 2: Learner");
    await announcement(page).getByRole("button", { name: "Awesome!" }).click();
    await expect(page.getByText(`You're #2 of 2 with 100 points.`)).toBeVisible();
    const me = page.locator("li[aria-current=true]");
    await expect(me).toContainText(ada.name);
    await expect(me).toContainText("2");
    await expect(
      page
        .getByRole("list", { name: /Leaderboard/ })
        .getByRole("listitem")
        .first(),
    ).toContainText(bob.name);

    // Tabs inside the embed carry a link token of their own (no cookie needed: see embed-cross-site.spec.ts).
    await page.getByRole("link", { name: "Profile" }).click();
    await expect(page).toHaveURL(/\/embed\/profile\?view=/);
    await expect(page.getByRole("heading", { name: ada.name })).toBeVisible();
    const badges = page.locator("section[aria-labelledby=badges-title]");
    await expect(badges.getByText("Ten Lessons")).toBeVisible();
    await expect(badges.locator("time")).toHaveCount(1);
    await expect(page.getByText("Lessons completed").locator("..").locator("..")).toContainText("10");
    await expect(page.locator("section[aria-labelledby=history-title]")).toContainText("Achievement unlocked: Ten Lessons");

    await page.getByRole("link", { name: "Streak" }).click();
    await expect(page).toHaveURL(/\/embed\/streak\?view=/);
    await expect(page.getByTestId("current-streak")).toContainText("2");
    await expect(page.getByTestId("active-today")).toContainText("Active today");
    await expect(page.locator("[data-active]").first()).toBeVisible();
  });

  test("a learner without a display name shows as a neutral label to others, never as their user id", async ({ page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const courseId = `course-${id}`;
    const ada: Learner = named("Ada", id);
    const nameless = `emp-${id}@corp.example`;
    await seedLessons(api, ada, courseId, [1]);
    // The LMS never sends a display name for this learner: the board would otherwise show the e-mail address.
    for (let i = 0; i < 3; i++) {
      await api.send({
        id: `${nameless}-l${i}`,
        type: "lesson.completed",
        userId: nameless,
        courseId,
        lessonId: `lesson-${i}`,
        occurredAt: daysAgo(0),
      });
    }

    await page.goto(await embed("leaderboard", ada.userId, { courseId }));
    const board = page.getByRole("list", { name: /Leaderboard/ });
    await expect(board.getByRole("listitem").first()).toContainText(/Learner \d{4}/);
    await expect(board.getByRole("listitem").nth(1)).toContainText(ada.name);
    await expect(page.locator("body")).not.toContainText(nameless);
    expect(await page.content()).not.toContain(nameless);

    // The learner themselves sees "You", not their id either.
    await page.goto(await embed("leaderboard", nameless, { courseId }));
    await expect(page.locator("li[aria-current=true]")).toContainText("You");
    await expect(page.locator("body")).not.toContainText(nameless);
  });

  test("an unseen achievement is announced once, then never again", async ({ page, request }) => {
    const { learner, url } = await profileOfNewLearner(request, "Cleo", [10]);
    const api = lmsApi(request);
    const markedSeen = page.waitForResponse((r) => r.url().includes("embed.markSeen") && r.request().method() === "POST");
    await page.goto(url);
    await expect(announcement(page)).toBeVisible();
    await expect(announcement(page)).toContainText("Badge unlocked");
    await expect(announcement(page)).toContainText("Ten Lessons");
    expect((await markedSeen).status()).toBe(200);
    await announcement(page).getByRole("button", { name: "Awesome!" }).click();
    await expect(announcement(page)).toBeHidden();

    const after = await api.get(`/users/${learner.userId}/achievements`);
    expect(after.body.earned).toEqual([expect.objectContaining({ key: "lessons-10", seen: true })]);

    await page.reload();
    await expect(page.getByRole("heading", { name: learner.name })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(announcement(page)).toBeHidden();
    await page.goto(await embed("streak", learner.userId));
    await page.waitForLoadState("networkidle");
    await expect(announcement(page)).toBeHidden();
  });

  test("a missing, expired, tampered or otherwise bad token shows the error page and no data", async ({ page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const learner: Learner = named("Dan", id);
    await seedLessons(api, learner, `course-${id}`, [2]);

    const valid = await signToken(learner.userId);
    const [header, , signature] = valid.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: learner.userId, exp: nowSeconds() + 3000, admin: true })).toString("base64url");
    const cases: { name: string; token: string | null; heading: string }[] = [
      { name: "missing", token: null, heading: "Open this page from your course" },
      { name: "expired", token: await signToken(learner.userId, { expiresIn: -300 }), heading: "This link has expired" },
      { name: "tampered payload", token: `${header}.${forgedPayload}.${signature}`, heading: "This link isn't valid" },
      {
        name: "other secret",
        token: await signToken(learner.userId, { secret: new TextEncoder().encode("not-the-shared-secret-000") }),
        heading: "This link isn't valid",
      },
      {
        name: "alg none",
        token: new UnsecuredJWT({ sub: learner.userId }).setExpirationTime(nowSeconds() + 600).encode(),
        heading: "This link isn't valid",
      },
      { name: "exp over an hour ahead", token: await signToken(learner.userId, { expiresIn: 3 * 3600 }), heading: "This link isn't valid" },
      { name: "over-long", token: `${valid}${"A".repeat(2100)}`, heading: "This link isn't valid" },
    ];

    // A valid visit first: its cookie must not rescue the bad tokens that follow.
    await page.goto(await embed("profile", learner.userId));
    await expect(page.getByRole("heading", { name: learner.name })).toBeVisible();

    for (const { name, token, heading } of cases) {
      for (const view of ["profile", "leaderboard", "streak"] as const) {
        if (name === "missing") await page.context().clearCookies();
        await page.goto(`/embed/${view}${token ? `?token=${token}` : ""}`);
        await expect(page.getByRole("heading", { level: 1 }), `${name} on ${view}`).toHaveText(heading);
        const text = await page.locator("body").innerText();
        expect(text, `${name} on ${view}`).not.toContain(learner.name);
        expect(text).not.toMatch(/points|Leaderboard|streak/i);
      }
    }

    // The refused token also ended the earlier session: no fallback to it.
    await page.goto(await embed("profile", learner.userId));
    await page.goto(`/embed/profile?token=${header}.${forgedPayload}.${signature}`);
    await page.goto("/embed/profile");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open this page from your course");
  });

  test("a learner never sees another learner's private data", async ({ page, request }) => {
    const api = lmsApi(request);
    const id = unique();
    const courseId = `course-${id}`;
    const ada: Learner = named("Ada", id);
    const eve: Learner = named("Eve", id);
    await seedLessons(api, ada, courseId, [2]);
    await seedLessons(api, eve, courseId, [4, 4, 4]); // 12 lessons over three days: "Ten Lessons", a 3-day streak
    await api.send({ id: `${eve.userId}-done`, type: "course.completed", userId: eve.userId, courseId, occurredAt: daysAgo(0) });
    const zed: Learner = named("Zed", id); // never opens an embed: his badge stays unseen
    await seedLessons(api, zed, courseId, [10]);

    // Eve's session first, then Ada's token in the same browser: Ada's data only, cookie included.
    await page.goto(await embed("profile", eve.userId));
    await expect(page.getByRole("heading", { name: eve.name })).toBeVisible();
    await page.goto(await embed("profile", ada.userId, { courseId }));
    await expect(page.getByRole("heading", { name: ada.name })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0); // Ada has nothing to announce; Eve's badges stay Eve's
    const profileText = await page.locator("main").innerText();
    expect(profileText).not.toContain(eve.name);
    await expect(page.locator("section[aria-labelledby=badges-title] li")).toHaveCount(0);

    await page.getByRole("link", { name: "Leaderboard" }).click();
    await expect(page.locator("li[aria-current=true]")).toContainText(ada.name);
    // Eve is on the board as a public entry (name and points), never as her user id.
    await expect(page.getByRole("list", { name: /Leaderboard/ })).toContainText(eve.name);
    expect(await page.content()).not.toContain(eve.userId);

    // The API the islands use answers for the session's learner only, and takes no user id.
    const profile = await page.request.get("/api/trpc/embed.profile");
    expect(profile.status()).toBe(200);
    expect((await profile.json()).result.data.json.stats.userId).toBe(ada.userId);
    const board = await page.request.get(
      `/api/trpc/embed.leaderboard?input=${encodeURIComponent(JSON.stringify({ json: { scope: "course" } }))}`,
    );
    expect(board.status()).toBe(200);
    expect(await board.text()).not.toContain(eve.userId);
    const sneaky = await page.request.get(
      `/api/trpc/embed.ledger?input=${encodeURIComponent(JSON.stringify({ json: { userId: eve.userId } }))}`,
    );
    expect(sneaky.status()).toBe(400);
    // Changing anything needs the session header, not the cookie alone (a cross-site request could send that).
    const markSeen = await page.request.post("/api/trpc/embed.markSeen", { data: { json: { keys: ["lessons-10"] } } });
    expect(markSeen.status()).toBe(403);
    const zedsBadges = (await api.get(`/users/${zed.userId}/achievements`)).body.earned as { key: string; seen: boolean }[];
    expect(zedsBadges).toContainEqual(expect.objectContaining({ key: "lessons-10", seen: false }));
    expect(zedsBadges.filter((a) => a.seen)).toEqual([]);

    // Without any session, nothing at all.
    const anonymous = await request.get("/api/trpc/embed.profile", { headers: { cookie: "" } });
    expect(anonymous.status()).toBe(401);
  });

  test("the views work in a 320 px iframe, light and dark", async ({ page, request }, testInfo) => {
    const api = lmsApi(request);
    const id = unique();
    const courseId = `course-${id}`;
    const learner: Learner = { userId: `fay-${id}-with-a-rather-long-user-id`, name: `Fay Featherstonehaugh-Worthington ${id}` };
    await seedLessons(api, learner, courseId, [4, 3, 3]);
    await markAllSeen(api, request, learner.userId);

    await page.setViewportSize({ width: 320, height: 640 });
    for (const theme of ["light", "dark"] as const) {
      for (const view of ["leaderboard", "profile", "streak"] as const) {
        await page.goto(`${await embed(view, learner.userId, { courseId })}&theme=${theme}`);
        await expect(page.locator(`[data-theme=${theme}]`)).toBeVisible();
        await expect(page.getByRole("navigation", { name: "Views" })).toBeVisible();
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, `${view} (${theme}) overflows 320 px`).toBeLessThanOrEqual(clientWidth);
        await testInfo.attach(`${view}-320-${theme}`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
      }
    }
    // Interactions at that size: a period tab and the month calendar.
    await page.goto(await embed("leaderboard", learner.userId, { courseId }));
    await page.getByRole("radio", { name: "This week" }).click();
    await expect(page.locator("li[aria-current=true]")).toContainText(learner.name.slice(0, 10));
    await page.goto(await embed("streak", learner.userId));
    await page.getByRole("button", { name: "Previous month" }).click();
    await expect(page.getByRole("table", { name: /Active days in/ })).toBeVisible();
  });

  test("embeds may be framed by the app itself and the listed LMS origins, the dashboard by no one", async ({ page, request }) => {
    const { learner, url } = await profileOfNewLearner(request, "Gus", [1]);
    const embedResponse = await request.get(url);
    expect(embedResponse.headers()["content-security-policy"]).toMatch(/^frame-ancestors 'self'/);
    expect(embedResponse.headers()["x-frame-options"]).toBeUndefined();
    // The token is exchanged for a session cookie (SameSite=None; Secure; Partitioned when served over HTTPS).
    const cookie = embedResponse.headers()["set-cookie"] ?? "";
    expect(cookie).toMatch(/^gamify_embed=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    const dashboard = await request.get("/admin/sign-in");
    expect(dashboard.headers()["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(dashboard.headers()["x-frame-options"]).toBe("DENY");

    // Framed by our own origin, as an LMS page would frame it.
    await page.goto("/api/trpc/health.check");
    await page.setContent(`<iframe title="progress" src="${url}" width="360" height="600"></iframe>`);
    await expect(page.frameLocator("iframe[title=progress]").getByRole("heading", { name: learner.name })).toBeVisible();
  });
});
