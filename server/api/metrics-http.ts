import crypto from "node:crypto";
import type { Database } from "@/server/db";
import { enableMetrics, renderMetrics, type ScrapeReadings } from "@/server/observability/metrics";
import { pendingSummary } from "@/server/services/webhooks";
import { fail, type ApiHandler } from "./http-exchange";

// GET /api/metrics: this process's metrics in the Prometheus text format, for a scraper holding METRICS_TOKEN.
// Off (404, as if absent) while no token is set, and then nothing is counted either (server/observability/metrics.ts). The one database read of a scrape is the outbox's backlog (an
// aggregate on the (status, next_attempt_at) index); a database that does not answer leaves those gauges out
// rather than failing the scrape, whose other figures (the pool waiting, say) matter most at such a moment.

export const METRICS_PATH = "/api/metrics";

export function createMetricsHandler(options: { token: string | undefined; getDatabase: () => Promise<Database> }): ApiHandler {
  const expected = options.token ? digest(options.token) : null;
  if (expected) enableMetrics();
  return async (req) => {
    if (!expected) return fail("NOT_FOUND", "Not found.");
    if (req.method !== "GET") return fail("METHOD_NOT_SUPPORTED", "Only GET is supported here.", {}, { allow: "GET" });
    const sent = /^Bearer (\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
    // Compared as digests of equal length, in constant time: the answer's timing says nothing about the token.
    if (!sent || !crypto.timingSafeEqual(digest(sent), expected)) {
      return fail(
        "UNAUTHORIZED",
        "A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>).",
        {},
        {
          "www-authenticate": "Bearer",
        },
      );
    }
    const { contentType, body } = await renderMetrics(await readings(options.getDatabase));
    return { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" }, body };
  };
}

async function readings(getDatabase: () => Promise<Database>): Promise<ScrapeReadings> {
  try {
    const { pending, nextAttemptAt } = await pendingSummary((await getDatabase()).prisma);
    const overdueMs = nextAttemptAt ? Date.now() - nextAttemptAt.getTime() : 0;
    return { outbox: { pending, oldestDueSeconds: Math.max(0, overdueMs / 1000) } };
  } catch {
    return { outbox: null };
  }
}

const digest = (token: string) => crypto.createHash("sha256").update(token).digest();
