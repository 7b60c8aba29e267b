import fs from "node:fs";
import type { Page } from "@playwright/test";
import { E2E_API_KEY_FILE } from "./constants";
import { expect, test, unique } from "./fixtures";

// xAPI statements in and webhooks out, as an admin sees them on the dashboard.

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `docs/images/${name}.png`, fullPage: true, style: "[data-sonner-toaster] { display: none !important; }" });
}

test.describe("xAPI and webhooks on the dashboard", () => {
  test("the xAPI log shows what each statement became, and the learner page lists them", async ({ signedInPage: page, request }) => {
    const id = unique();
    const learner = `xapi-${id}`;
    const course = {
      id: `https://moodle.example.edu/course/view.php?id=${id}`,
      definition: { type: "https://w3id.org/xapi/cmi5/activitytype/course" },
    };
    const actor = { name: "Xavier API", account: { homePage: "https://moodle.example.edu", name: learner } };
    const book = {
      id: `https://moodle.example.edu/mod/book/view.php?id=${id}`,
      definition: { type: "http://id.tincanapi.com/activitytype/lms/module" },
    };
    const key = fs.readFileSync(E2E_API_KEY_FILE, "utf8").trim();
    const res = await request.post("/api/v1/xapi/statements", {
      headers: { authorization: `Basic ${Buffer.from(`moodle:${key}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
      data: [
        {
          actor,
          verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { en: "completed" } },
          object: book,
          context: { contextActivities: { parent: [course] } },
          timestamp: new Date(Date.now() - 60_000).toISOString(),
        },
        {
          actor,
          verb: { id: "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/uncompleted", display: { en: "uncompleted" } },
          object: book,
          context: { contextActivities: { parent: [course] } },
        },
      ],
    });
    expect(res.status(), await res.text()).toBe(200);
    expect(res.headers()["x-experience-api-version"]).toBe("1.0.3");

    await page.goto(`/admin/xapi?learner=${learner}`);
    await expect(page.getByRole("heading", { name: "xAPI log" })).toBeVisible();
    const table = page.getByRole("table", { name: "xAPI statements" });
    await expect(table.getByText("Applied", { exact: true })).toBeVisible();
    await expect(table.getByText("Ignored: unsupported-verb")).toBeVisible();
    await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Ignored" }).click();
    await expect(table.getByText("Applied", { exact: true })).toHaveCount(0);
    await expect(table.getByText("Ignored: unsupported-verb")).toBeVisible();
    await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "All" }).click();
    await expect(table.getByText("Applied", { exact: true })).toBeVisible();
    await shot(page, "xapi-log");

    await page.goto(`/admin/learners/${learner}`);
    await expect(page.getByRole("heading", { name: "xAPI statements" })).toBeVisible();
    await expect(page.getByText("2 received from the LMS: 1 applied, 1 ignored.")).toBeVisible();
  });

  test("change a verb's mapping in the editor, and the next statement with it is applied under the new version, audited", async ({
    signedInPage: page,
    request,
  }) => {
    const id = unique();
    const verb = `https://lms.example.edu/verbs/graded-${id}`;
    const actor = { name: "Mapping Tester", account: { homePage: "https://moodle.example.edu", name: `mapper-${id}` } };
    const course = {
      id: `https://moodle.example.edu/course/view.php?id=m${id}`,
      definition: { type: "https://w3id.org/xapi/cmi5/activitytype/course", name: { en: "Mapped course" } },
    };
    const key = fs.readFileSync(E2E_API_KEY_FILE, "utf8").trim();
    const send = async (n: number) => {
      const object = { id: `https://moodle.example.edu/mod/assign/view.php?id=${n}${id}`, definition: { name: { en: `Essay ${n}` } } };
      const res = await request.post("/api/v1/xapi/statements", {
        headers: { authorization: `Basic ${Buffer.from(`moodle:${key}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
        data: {
          actor,
          verb: { id: verb, display: { en: "graded" } },
          object,
          result: { success: true },
          context: { contextActivities: { parent: [course] } },
          timestamp: new Date(Date.now() - 60_000).toISOString(),
        },
      });
      expect(res.status(), await res.text()).toBe(200);
    };
    await send(1);

    await page.goto("/admin/xapi");
    await page.getByRole("navigation", { name: "xAPI views" }).getByRole("link", { name: "Mapping" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "xAPI mapping" })).toBeVisible();
    const rules = page.getByRole("table", { name: "Mapping rules" });
    await expect(rules.getByRole("row")).not.toHaveCount(1);
    await page.getByRole("button", { name: "Add rule" }).click();
    const added = rules.getByRole("row").last();
    await added.getByLabel(/^Rule \d+ verb$/).fill(verb);
    await added.getByLabel(/^Rule \d+ success$/).selectOption("true");
    await added.getByLabel(/^Rule \d+ becomes$/).selectOption("lesson.completed");
    await page.getByRole("button", { name: /^Save as version \d+$/ }).click();
    const saved = page.getByText(/^Saved as version \d+\./);
    await expect(saved).toBeVisible();
    const version = /version (\d+)/.exec((await saved.textContent()) ?? "")![1];
    await expect(page.getByText(new RegExp(`In force: version ${version}`))).toBeVisible();
    await shot(page, "xapi-mapping");

    await send(2);
    await page.goto(`/admin/xapi?learner=mapper-${id}`);
    const table = page.getByRole("table", { name: "xAPI statements" });
    await expect(table.getByText("Applied", { exact: true })).toHaveCount(1);
    await expect(table.getByText("Ignored: unsupported-verb")).toHaveCount(1);
    await expect(table.getByText(`Mapping v${version}: graded-${id}, success true → lesson.completed`)).toBeVisible();
    await expect(table.getByText("Essay 2 · Mapped course")).toBeVisible();

    await page.goto("/admin/audit");
    const entry = page.getByRole("row").filter({ hasText: "Changed the xAPI mapping" }).first();
    await expect(entry).toBeVisible();
    await expect(entry.getByText(`graded-${id}, success true → lesson.completed`)).toBeVisible();
  });

  test("add a webhook endpoint, copy its secret once, disable it and delete it", async ({ signedInPage: page }) => {
    const url = `https://93.184.215.14/hooks/${unique()}`;
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await page.getByLabel("URL").fill(url);
    await page.getByLabel("Description").fill("Chat bridge");
    await page.getByRole("checkbox", { name: /streak\.lost/ }).uncheck();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveText(/^whsec_/);
    const row = page.getByRole("row").filter({ hasText: url });
    await expect(row).toBeVisible();
    await expect(row.getByText("streak.lost")).toHaveCount(0);
    await shot(page, "webhooks");

    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page.getByText(/Nothing was due|Sent \d+/)).toBeVisible();

    await row.getByRole("link", { name: url }).click();
    await expect(page.getByRole("heading", { name: "Chat bridge" })).toBeVisible();
    await expect(page.getByText("No deliveries", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByText(/Disabled by e2e@test\.local/)).toBeVisible();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/admin\/webhooks$/);
    await expect(page.getByRole("row").filter({ hasText: url })).toHaveCount(0);
  });

  test("the pages fit a small laptop screen", async ({ signedInPage: page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const [path, heading] of [
      ["/admin/webhooks", "Webhooks"],
      ["/admin/xapi", "xAPI log"],
      ["/admin/xapi/mapping", "xAPI mapping"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });

  test("signed out, the pages and their procedures are refused", async ({ page, request }) => {
    for (const path of ["/admin/webhooks", "/admin/webhooks/1", "/admin/xapi", "/admin/xapi/mapping"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\/sign-in$/);
    }
    expect((await request.get("/api/trpc/admin.webhooks.list")).status()).toBe(401);
    expect((await request.get("/api/trpc/admin.xapi.log")).status()).toBe(401);
    expect((await request.get("/api/trpc/admin.xapi.mapping")).status()).toBe(401);
  });
});
