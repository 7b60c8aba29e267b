import { E2E_ADMIN, expect, submitSignIn, test, unique } from "./fixtures";

test.describe("admin sign-in", () => {
  test("a signed-out visit to the dashboard goes to the sign-in page", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    await expect(page.getByText("Sign in to Gamify")).toBeVisible();
  });

  test("a wrong password shows a calm error and stays on the sign-in page", async ({ page }) => {
    await submitSignIn(page, E2E_ADMIN.email, "not-the-password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  });

  test("a 6th failed attempt within 15 minutes is refused, and the form says how long to wait", async ({ page }) => {
    // From an address of its own (the e2e server trusts x-forwarded-for, TRUST_PROXY=1) and on an account no
    // other test uses, so the other tests' sign-ins from this machine are not refused after it.
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `2001:db8:${hex()}:${hex()}::1` });
    const email = `locked-${unique()}@test.local`;
    const alert = page.getByRole("main").getByRole("alert");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitSignIn(page, email, `wrong-${attempt}`);
      await expect(alert).toHaveText("Wrong email or password.");
    }
    await submitSignIn(page, email, "wrong-6");
    await expect(alert).toHaveText("Too many attempts. Try again in 15 minutes.");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  });

  test("the right credentials open the overview, and signing out returns to sign-in", async ({ signedInPage: page }) => {
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByText(/Database:\s*pglite/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Key numbers" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Dashboard" });
    await expect(nav.getByRole("link", { name: "API keys" })).toHaveAttribute("href", "/admin/api-keys");

    const whoami = await page.request.get("/api/trpc/admin.whoami");
    expect(whoami.status()).toBe(200);
    expect((await whoami.json()).result.data.json.email).toBe(E2E_ADMIN.email);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  });

  test("a signed-out call to an admin procedure is refused", async ({ request }) => {
    const response = await request.get("/api/trpc/admin.whoami");
    expect(response.status()).toBe(401);
    const body = await response.json();
    expect(body.error.json.data.code).toBe("UNAUTHORIZED");
    expect(JSON.stringify(body)).not.toMatch(/stack|at \w+ \(/);
  });
});
