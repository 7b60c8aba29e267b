import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApiHandler, serveApi } from "@/server/api/node-http";
import type { Database } from "@/server/db";

/** The LMS API served over real HTTP on loopback, on a test database, as the production server serves it. */
export async function startRestServer(database: Database, options: { rateLimitPerMinute?: number } = {}) {
  const handle = createApiHandler({ getDatabase: async () => database, rateLimitPerMinute: options.rateLimitPerMinute ?? 0 });
  const server = http.createServer((req, res) => void serveApi(handle, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
