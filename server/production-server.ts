import http from "node:http";
// First: loading Next sets up what its modules need (AsyncLocalStorage), which the app's modules load too.
import next from "next";
import { createApiHandler, serveApi } from "@/server/api/node-http";
import { createMetricsHandler, METRICS_PATH } from "@/server/api/metrics-http";
import { API_BASE } from "@/server/api/rest";
import { closeDatabase, getDatabase, hostClosesDatabase } from "@/server/db";
import { env } from "@/server/env";
import { stopBuiltInScheduler } from "@/server/jobs/built-in-scheduler";
import securityHeaders from "@/server/api/security-headers.json";

// `npm start`: Next.js serves the app (dashboard, embeds, tRPC, auth, Inngest) through its own request
// handler, as a Next custom server; the LMS API (/api/v1) is answered by the same handler that
// app/api/v1/[...path]/route.ts mounts, called directly (and so is /api/metrics, app/api/metrics/route.ts). Next's router costs about 1.4 ms of CPU per request
// on the benchmark machine (a one-line route handler in an empty app: ~700 req/s on 2 cores), which is most
// of what a leaderboard read or an event costs; the API needs none of what it does (rendering, middleware,
// static files). `next dev` and `next start` serve the same API through the route handlers. Without an Inngest
// server, Next's instrumentation hook (instrumentation.ts) starts the built-in scheduler in this process.

const API_PREFIX = `${API_BASE}/`;
// The headers next.config.mjs gives every non-embed path.
const apiHeaders = [...securityHeaders.everywhere, ...securityHeaders.noFraming];
const internalError = JSON.stringify({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side." } });
// In-flight requests get this long to finish after a shutdown signal.
const DRAIN_MS = 10_000;

export async function serveProduction(options: { port: number; hostname?: string; log: (line: string) => void }): Promise<void> {
  // Before Next prepares: its instrumentation hook starts the built-in scheduler, which may open the database.
  hostClosesDatabase();
  const app = next({ dev: false, dir: process.cwd(), port: options.port, hostname: options.hostname });
  await app.prepare();
  const handleNext = app.getRequestHandler();
  const handleApi = createApiHandler({ getDatabase, rateLimitPerMinute: env().RATE_LIMIT_PER_MINUTE });
  const handleMetrics = createMetricsHandler({ token: env().METRICS_TOKEN, getDatabase });
  const trustProxy = env().TRUST_PROXY;

  const server = http.createServer((req, res) => {
    const api = req.url?.startsWith(API_PREFIX) ? handleApi : req.url?.split("?")[0] === METRICS_PATH ? handleMetrics : null;
    if (api) {
      serveApi(api, req, res, apiHeaders).catch(() => {
        if (res.headersSent) return res.destroy();
        res.writeHead(500, { "content-type": "application/json" }).end(internalError);
      });
    } else {
      // Next passes the socket's address to route handlers as x-forwarded-for when a request has none (sign-ins
      // are counted by it, server/auth/client-address.ts): one a client sent is believed only behind a proxy.
      if (!trustProxy) delete req.headers["x-forwarded-for"];
      void handleNext(req, res);
    }
  });
  server.keepAliveTimeout = 65_000; // above common load balancers' idle timeouts (60 s)

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  options.log(`Ready on http://${options.hostname ?? "localhost"}:${options.port}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.log(`${signal}: finishing requests in flight, then closing the database…`);
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // The built-in scheduler starts no new run, and its run in progress gets the same time as requests.
    const schedulerStopped = stopBuiltInScheduler();
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref());
    void Promise.race([Promise.all([drained, schedulerStopped]), deadline])
      .then(() => closeDatabase())
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
