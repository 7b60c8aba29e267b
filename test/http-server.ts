import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRestHandler } from "@/server/api/rest";
import { createXapiHandler, XAPI_BASE } from "@/server/api/xapi-http";
import type { Database } from "@/server/db";

/**
 * The REST face served over real HTTP on loopback, on a test database; /api/v1/xapi/* goes to the xAPI face,
 * as Next's routing does (app/api/v1/xapi/[...path] is more specific than app/api/v1/[...path]).
 */
export async function startRestServer(database: Database, options: { rateLimitPerMinute?: number } = {}) {
  const handlerOptions = { getDatabase: async () => database, rateLimitPerMinute: options.rateLimitPerMinute ?? 0 };
  const rest = createRestHandler(handlerOptions);
  const xapi = createXapiHandler(handlerOptions);
  const handle = (request: Request) =>
    new URL(request.url).pathname.startsWith(`${XAPI_BASE}/`) ? xapi(request) : rest(request);
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
