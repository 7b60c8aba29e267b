import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { afterAll } from "vitest";
import { createMetricsHandler, METRICS_PATH } from "@/server/api/metrics-http";
import { createApiHandler, serveApi } from "@/server/api/node-http";
import type { Database } from "@/server/db";
import { createApiKey } from "@/server/services/api-keys";
import { setUpTestDatabase } from "@/test/database";

/**
 * The LMS API served over real HTTP on loopback, on a test database, as the production server serves it;
 * its request log goes to `logger` when given (else the process's, silent in tests). With `metricsToken`,
 * GET /api/metrics too, as the production server answers it with METRICS_TOKEN set.
 */
export async function startRestServer(
  database: Database,
  options: { rateLimitPerMinute?: number; logger?: Logger; metricsToken?: string } = {},
) {
  const handle = createApiHandler({
    getDatabase: async () => database,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    logger: options.logger,
  });
  const metrics = createMetricsHandler({ token: options.metricsToken, getDatabase: async () => database });
  const server = http.createServer((req, res) => void serveApi(req.url?.split("?")[0] === METRICS_PATH ? metrics : handle, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The setup of the files that call the LMS API as an LMS would: a fresh test database, the API served on it
 * over HTTP, and an API key named `keyName`; closed after the file's last test (the server first: after-hooks
 * run last-registered first). Awaited at the top level of the file, like setUpTestDatabase.
 */
export async function setUpRestServer(keyName: string) {
  const db = await setUpTestDatabase();
  const server = await startRestServer(db);
  afterAll(() => server.close());
  const { key } = await createApiKey(db.prisma, keyName);
  /** One call of the LMS API with the file's key: a JSON body out, the status and the parsed JSON answer back. */
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { db, server, key, call };
}
