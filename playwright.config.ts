import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, E2E_CROSS_SITE_LMS_ORIGIN, E2E_EMBED_SECRET, E2E_LMS_ORIGIN } from "./e2e/constants";

// Debian's Chromium (apt-get install chromium): `npx playwright install` would download a browser.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "e2e",
  // The 100,000-row export seeds the server's database itself: only a PostgreSQL run (E2E_DATABASE_URL) allows
  // that, since on PGlite the server holds the only connection.
  testIgnore: process.env.E2E_DATABASE_URL ? [] : ["large-export.spec.ts"],
  // Generous: CI shares two cores between the server, the browser and the test runner.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One server on one embedded database: tests make their own data, but run one at a time.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // next start needs a build; serve.ts seeds a fresh database before the server takes its lock.
    // .ci/run builds once for everything and sets E2E_SKIP_BUILD; locally every run builds what it tests.
    command: `${process.env.E2E_SKIP_BUILD ? "" : "npm run build && "}npx tsx e2e/serve.ts`,
    url: `${E2E_BASE_URL}/api/trpc/health.check`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: E2E_BASE_URL,
      NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789",
      EMBED_SECRET: E2E_EMBED_SECRET,
      EMBED_ALLOWED_ORIGINS: `${E2E_LMS_ORIGIN} ${E2E_CROSS_SITE_LMS_ORIGIN}`,
      DATABASE_URL: "",
      // Sign-in throttle tests come from addresses of their own (x-forwarded-for), not this machine's.
      TRUST_PROXY: "1",
    },
  },
});
