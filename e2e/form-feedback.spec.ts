import type { Locator, Page } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

// Where the dashboard's feedback lands: a server error at its field with focus on it, and toasts that cover no
// row action and do not repeat what a banner on the page already says.

/** The error text a control points at with aria-describedby. */
const description = (control: Locator) =>
  control.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every row action (a button or link in a table row) the toast's box covers, by name. */
async function coveredRowActions(page: Page, toast: Locator): Promise<string[]> {
  const box = (await toast.boundingBox())!;
  const covered: string[] = [];
  for (const action of await page.getByRole("row").locator("button, a").all()) {
    const other = await action.boundingBox();
    if (other && overlaps(box, other)) covered.push((await action.getAttribute("aria-label")) ?? (await action.innerText()));
  }
  return covered;
}

test.describe("form feedback", () => {
  test("a duplicate achievement key is reported at the key field, which gets focus", async ({ signedInPage: page }) => {
    const id = unique();
    await page.goto("/admin/achievements");
    // An achievement whose key is then taken.
    for (const name of [`First ${id}`, `Second ${id}`]) {
      await page.getByRole("button", { name: "New achievement" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByLabel("Key", { exact: true }).fill(`dup-${id}`);
      await dialog.getByLabel("Description").fill("Complete many lessons.");
      await dialog.getByLabel("Earned for").selectOption("lessons_completed");
      await dialog.getByLabel("Lessons", { exact: true }).fill("500");
      await dialog.getByRole("button", { name: "Create achievement" }).click();
      if (name.startsWith("First")) await expect(dialog).toBeHidden();
    }
    const key = page.getByRole("dialog").getByLabel("Key", { exact: true });
    await expect(key).toBeFocused();
    await expect(key).toHaveAttribute("aria-invalid", "true");
    expect(await description(key)).toContain(`An achievement with key dup-${id} already exists.`);
    await expect(key).toBeInViewport();
    // Nothing was created under the second name.
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId(`achievement-dup-${id}`)).toHaveCount(1);
    await expect(page.getByRole("table", { name: "Achievements" })).not.toContainText(`Second ${id}`);
    // Leave it inactive, so no learner of another test earns it.
    await page.getByRole("button", { name: `Deactivate First ${id}` }).click();
    await expect(page.getByTestId(`achievement-dup-${id}`)).toContainText("Inactive");
  });

  test("a wrong point rule gets focus at its field, with its message", async ({ signedInPage: page }) => {
    await page.goto("/admin/rules");
    const login = page.getByLabel("Login", { exact: true });
    await login.fill("-3");
    await page.getByRole("button", { name: "Save rules" }).click();
    await expect(login).toBeFocused();
    await expect(login).toHaveAttribute("aria-invalid", "true");
    expect(await description(login)).toMatch(/\S/);
  });

  test("a toast covers no row action, and does not repeat the banner", async ({ signedInPage: page }) => {
    const names = [`toast-a-${unique()}`, `toast-b-${unique()}`];
    await page.goto("/admin/api-keys");
    for (const name of names) {
      await page.getByLabel("Name").fill(name);
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByTestId(`api-key-${name}`)).toContainText("Active");
    }
    const row = page.getByTestId(`api-key-${names[0]}`);
    await row.getByRole("button", { name: `Revoke ${names[0]}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Revoked" });
    await expect(toast).toBeVisible();
    await expect(row).toContainText("Revoked");
    expect(await coveredRowActions(page, toast)).toEqual([]);

    // An achievement created: the banner says who was awarded, the toast only that it was saved.
    const id = unique();
    await page.goto("/admin/achievements");
    await page.getByRole("button", { name: "New achievement" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name", { exact: true }).fill(`Toast ${id}`);
    await dialog.getByLabel("Description").fill("Complete many lessons.");
    await dialog.getByLabel("Earned for").selectOption("lessons_completed");
    await dialog.getByLabel("Lessons", { exact: true }).fill("900");
    await dialog.getByRole("button", { name: "Create achievement" }).click();
    const banner = page.getByRole("status").filter({ hasText: `Toast ${id}` });
    await expect(banner).toBeVisible();
    const created = page.locator("[data-sonner-toast]").filter({ hasText: `Toast ${id}` });
    await expect(created).toBeVisible();
    expect(await created.innerText()).not.toContain(await banner.innerText());
    expect(await coveredRowActions(page, created)).toEqual([]);
    await page.getByRole("button", { name: `Deactivate Toast ${id}` }).click();
    await expect(page.getByTestId(`achievement-toast-${id}`)).toContainText("Inactive");
  });
});
