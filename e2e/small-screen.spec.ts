import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The dashboard on a phone (390 x 844): the sidebar folds into a Menu button, and no page scrolls sideways.
// And the favicon, whose 404 showed on every page.

/** How far the page scrolls sideways, and the first element that reaches past the window (to say what to fix). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const wide = [...document.querySelectorAll("body *")].find((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
    const culprit = wide ? `${wide.tagName.toLowerCase()}.${[...wide.classList].slice(0, 4).join(".")}` : "none";
    return { overflow: document.scrollingElement!.scrollWidth - window.innerWidth, culprit };
  });

test.describe("small screens and the favicon", () => {
  test("at 390 px every admin page fits the width, and the menu opens and navigates", async ({ signedInPage: page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin");
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Dashboard" })).toHaveCount(0); // folded away

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const nav = page.getByRole("navigation", { name: "Dashboard" });
    const paths = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(paths.length).toBeGreaterThan(5);
    await nav.getByRole("link", { name: "Learners" }).click();
    await expect(page).toHaveURL(/\/admin\/learners$/);
    await expect(page.getByRole("heading", { level: 1, name: "Learners" })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false"); // the followed link closed it

    // Escape closes it too, and gives focus back to the button.
    await menu.click();
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link").first().focus();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    for (const path of [...paths, "/admin/xapi/mapping"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { overflow, culprit } = await sideways(page);
      expect(overflow, `${path} scrolls sideways at 390 px (${culprit})`).toBeLessThanOrEqual(0);
    }
  });

  test("the sidebar stays open on a laptop, without a Menu button", async ({ signedInPage: page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  });

  test("pages declare an icon that loads, and nothing they ask for is a 404", async ({ page }) => {
    const missing: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await page.goto("/admin/sign-in");
    await page.waitForLoadState("networkidle");
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")!));
    expect(icons.some((href) => href.startsWith("/icon.svg"))).toBe(true);
    // /favicon.ico too: some browsers and tools ask for it whatever the page declares.
    for (const href of [...icons, "/favicon.ico"]) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()["content-type"], href).toMatch(/^image\//);
    }
    expect(missing).toEqual([]);
  });
});
