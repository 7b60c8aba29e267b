import fs from "node:fs";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { SignJWT } from "jose";
import { E2E_ADMIN, E2E_API_KEY_FILE, E2E_EMBED_SECRET } from "./constants";

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

/** An embed token for a learner, signed with the shared secret as an LMS does (docs/embedding.md), for 10 minutes. */
export const embedToken = (sub: string, claims: { courseId?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(E2E_EMBED_SECRET));

/** The path an LMS frames to show a learner one view. */
export const embedPath = async (view: "leaderboard" | "profile" | "streak", sub: string, claims: { courseId?: string } = {}) =>
  `/embed/${view}?token=${await embedToken(sub, claims)}`;
