import { createMetricsHandler } from "@/server/api/metrics-http";
import type { ApiHandler } from "@/server/api/http-exchange";
import { getDatabase } from "@/server/db";
import { env } from "@/server/env";

// Under `next start` and `next dev`; `npm start` answers the same path on its fast path (server/production-server.ts).
// Not through asRouteHandler: a scrape is not an LMS API request, for the request log nor for the request metrics.
export const dynamic = "force-dynamic";

let handler: ApiHandler | undefined;

export async function GET(req: Request): Promise<Response> {
  handler ??= createMetricsHandler({ token: env().METRICS_TOKEN, getDatabase });
  const answer = await handler({ method: "GET", url: new URL(req.url).pathname, headers: req.headers, body: async () => ({ text: "" }) });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
