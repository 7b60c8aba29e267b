// The LMS API alone, as the production server's fast path serves it (server/production-server.ts: the same
// handler, without Next), in its own process on a PostgreSQL database; with METRICS_TOKEN set it counts and
// answers GET /api/metrics as the production server does. Used by bench/metrics-cost.ts.
// Usage: DATABASE_URL=... PORT=... [METRICS_TOKEN=...] tsx bench/api-process.ts
import http from "node:http";
import { createMetricsHandler, METRICS_PATH } from "@/server/api/metrics-http";
import { createApiHandler, serveApi } from "@/server/api/node-http";
import { openDatabase } from "@/server/db";

async function main() {
  const database = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 10 });
  const getDatabase = async () => database;
  const api = createApiHandler({ getDatabase, rateLimitPerMinute: 0 });
  const metrics = createMetricsHandler({ token: process.env.METRICS_TOKEN || undefined, getDatabase });
  const server = http.createServer((req, res) => void serveApi(req.url?.split("?")[0] === METRICS_PATH ? metrics : api, req, res));
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
  process.on("SIGTERM", () => server.close(() => void database.close().finally(() => process.exit(0))));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
