import fs from "node:fs";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_API_KEY_FILE } from "./constants";

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

/**
 * The LMS's side in browser tests: the REST API with the key serve.ts created. Tests seed their own data
 * through it (real HTTP, the real ingestion path), with ids unique to the test.
 */
export function lmsApi(request: APIRequestContext) {
  const headers = { authorization: `Bearer ${fs.readFileSync(E2E_API_KEY_FILE, "utf8").trim()}` };
  return {
    async send(event: Record<string, unknown>) {
      const res = await request.post("/api/v1/events", { headers, data: event });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    },
    async get(path: string) {
      const res = await request.get(`/api/v1${path}`, { headers });
      return { status: res.status(), body: res.status() < 500 ? await res.json() : null };
    },
    headers,
  };
}

/** A short unique suffix, so each test's learners and events are its own. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
