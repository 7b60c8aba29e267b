import { test as base, expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./constants";

export { expect };
export { E2E_ADMIN };

/** Fills the sign-in form; does not wait for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<{ signedInPage: Page }>({
  /** A page whose browser context is signed in as the seeded e2e admin. */
  signedInPage: async ({ page }, provide) => {
    await submitSignIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await provide(page);
  },
});
