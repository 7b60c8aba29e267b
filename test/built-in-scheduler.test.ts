import { NextRequest } from "next/server";
import { afterAll, afterEach, expect, it, vi } from "vitest";
import { openAppTestDatabase } from "@/test/app-database";

// One decision says whether Inngest runs the jobs (server/jobs/client.ts inngestConfigured): when it does,
// /api/inngest serves the functions and the built-in scheduler stays off; when not, /api/inngest answers 503 and
// the built-in scheduler runs the crons. Never both, never neither.

const app = await openAppTestDatabase();
afterAll(() => app.close());
afterEach(() => vi.unstubAllEnvs());

const INNGEST_SETTINGS = ["INNGEST_DEV", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_BASE_URL"];

async function load(settings: Record<string, string>) {
  vi.resetModules();
  Reflect.deleteProperty(globalThis, "gamifyScheduler"); // the process's scheduler, as a fresh process has none
  for (const name of INNGEST_SETTINGS) vi.stubEnv(name, settings[name] ?? "");
  return { route: await import("@/app/api/inngest/route"), builtIn: await import("@/server/jobs/built-in-scheduler") };
}

it.each<{ settings: Record<string, string>; runs: string }>([
  { settings: {}, runs: "built-in scheduler" },
  { settings: { INNGEST_DEV: "0" }, runs: "built-in scheduler" },
  { settings: { INNGEST_BASE_URL: "http://inngest.internal:8288", INNGEST_EVENT_KEY: "evt-key" }, runs: "built-in scheduler" },
  { settings: { INNGEST_DEV: "1" }, runs: "Inngest" },
  { settings: { INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef", INNGEST_EVENT_KEY: "evt-key" }, runs: "Inngest" },
])("with $settings the crons are run by the $runs", async ({ settings, runs }) => {
  const { route, builtIn } = await load(settings);
  const scheduler = builtIn.startBuiltInScheduler();
  const answer = await route.GET(new NextRequest("http://localhost/api/inngest"), undefined);
  if (runs === "Inngest") {
    expect(scheduler).toBeNull();
    expect(answer.status).not.toBe(503);
  } else {
    expect(scheduler).not.toBeNull();
    expect(answer.status).toBe(503);
  }
  // Started once per process: asking again gives the same one.
  expect(builtIn.startBuiltInScheduler()).toBe(scheduler);
  await builtIn.stopBuiltInScheduler();
});
