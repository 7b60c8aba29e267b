import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openMigratedDatabase } from "@/server/db/prepare";
import { readEnv } from "@/server/env";
import { nextSlotAfter } from "@/server/lib/job-schedule";
import { createAdmin } from "@/server/services/admins";
import { closedWeekFacts, seedEndedWeek } from "@/test/ended-week";
import { E2E_ADMIN, E2E_PORT } from "./constants";
import { expect, test } from "./fixtures";

// A standalone `npm start` with no Inngest server closes the ended week on its own. Its own production server
// (the real process, on the build the other tests use) on a fresh embedded database holding last week's
// points, with the built-in scheduler's clock started 5 s before the weekly close's next slot
// (GAMIFY_SCHEDULER_CLOCK_START): the Jobs page shows the scheduled run that closed the week, and once the
// server has stopped (SIGTERM, gracefully) the database holds one close and one award.

const PORT = E2E_PORT + 1;
const BASE = `http://localhost:${PORT}`;
const DIR = `/tmp/gamify-e2e-scheduler-${PORT}`;
const PGLITE_DIR = path.join(DIR, "pglite");

/** Monday of last week (UTC): a week that has ended, whatever today is. */
function lastMonday(now: Date): string {
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7) - 7);
  return new Date(monday).toISOString().slice(0, 10);
}

const settings = () => readEnv({ ...process.env, NODE_ENV: "test", PGLITE_DIR, DATABASE_URL: "" });

let server: ChildProcess | undefined;
test.afterAll(() => {
  server?.kill("SIGKILL");
});

function startServer(clockStart: Date): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PGLITE_DIR,
    DATABASE_URL: "",
    NEXTAUTH_URL: BASE,
    NEXTAUTH_SECRET: "e2e-scheduler-nextauth-secret-0123",
    EMBED_SECRET: "e2e-scheduler-embed-secret-01234",
    GAMIFY_SCHEDULER_CLOCK_START: clockStart.toISOString(),
  };
  for (const name of ["INNGEST_DEV", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_BASE_URL"]) delete env[name];
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["server/start.ts", "start", "-p", String(PORT)], {
    stdio: "inherit",
    env,
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    const poll = async () => {
      const ready = await fetch(`${BASE}/api/trpc/health.check`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) resolve(child);
      else setTimeout(() => void poll(), 500);
    };
    void poll();
  });
}

test("a standalone server with no Inngest closes the ended week on its own, at the weekly close's slot", async ({ page }) => {
  test.setTimeout(240_000);
  fs.rmSync(DIR, { recursive: true, force: true });
  const seeded = await openMigratedDatabase(settings(), () => {});
  const week = await (async () => {
    try {
      await createAdmin(seeded.prisma, { ...E2E_ADMIN, name: "Scheduler admin" });
      return await seedEndedWeek(seeded.prisma, lastMonday(new Date()), "e2e-sched");
    } finally {
      await seeded.close();
    }
  })();

  const slot = nextSlotAfter("weekly-close", new Date())!;
  server = await startServer(new Date(slot.getTime() - 5_000));

  await page.goto(`${BASE}/admin/sign-in`);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(`${BASE}/admin/jobs`);
  await expect(page.getByText("Built-in scheduler (no Inngest server configured)")).toBeVisible();
  const card = page.getByTestId("job-weekly-close");
  await expect(card.getByText(/Hourly at :05 · next run/)).toBeVisible();

  // The run appears when the slot has come (5 s after the scheduler started), without anyone pressing Run now.
  const latest = card.getByRole("table", { name: "Weekly close runs" }).getByRole("row").nth(1);
  await expect(async () => {
    await page.reload();
    await expect(latest).toContainText("Schedule", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(latest).toContainText("Succeeded");
  await expect(latest).toContainText("Closed 1 week");
  await expect(latest).toContainText("1 rank achievement awarded");

  // Stopped gracefully, the database opens again (PGlite closed cleanly) and holds one close and one award.
  const exited = new Promise<number | null>((resolve) => server!.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await exited).toBe(143);
  server = undefined;
  const after = await openMigratedDatabase(settings(), () => {});
  try {
    expect(await closedWeekFacts(after.prisma, week)).toEqual({ closes: 1, holders: [week.winner] });
    const runs = await after.prisma.jobRun.findMany({ where: { job: "weekly-close" } });
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([[`scheduler:${slot.toISOString()}`, "succeeded"]]);
  } finally {
    await after.close();
  }
});
