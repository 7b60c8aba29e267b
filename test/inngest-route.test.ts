import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

// /api/inngest with no Inngest configured (no INNGEST_SIGNING_KEY, no INNGEST_DEV) says so, for every method,
// instead of the SDK's 500; with the dev server configured the SDK serves it as before.

type Route = typeof import("@/app/api/inngest/route");

async function loadRoute(settings: Record<string, string>): Promise<Route> {
  vi.resetModules();
  for (const name of ["INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_EVENT_KEY"]) vi.stubEnv(name, settings[name] ?? "");
  return import("@/app/api/inngest/route");
}

const request = (method: string) => new NextRequest("http://localhost/api/inngest", { method, body: method === "GET" ? undefined : "{}" });

afterEach(() => vi.unstubAllEnvs());

describe("/api/inngest", () => {
  it("answers 503 UNAVAILABLE, saying Inngest is not configured, to every method", async () => {
    const route = await loadRoute({});
    for (const method of ["GET", "POST", "PUT"] as const) {
      const res = await route[method](request(method), undefined);
      expect(res.status, method).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAVAILABLE");
      expect(body.error.message).toMatch(/^Inngest is not configured on this server: jobs run when an admin presses Run now/);
    }
  });

  it("is served by the Inngest SDK when the dev server is configured", async () => {
    const route = await loadRoute({ INNGEST_DEV: "1" });
    const res = await route.GET(request("GET"), undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ function_count: expect.any(Number) });
  });
});
