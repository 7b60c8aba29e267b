import type { IncomingMessage, ServerResponse } from "node:http";
import { createRestHandler, MAX_BODY_BYTES, type RestHandlerOptions } from "./rest";
import { createXapiHandler, XAPI_BASE } from "./xapi-http";

type FetchHandler = (req: Request) => Promise<Response>;

/**
 * The whole LMS API (/api/v1): xAPI under /api/v1/xapi, the REST face for the rest, as Next's routing
 * splits them between app/api/v1/xapi/[...path] and app/api/v1/[...path].
 */
export function createApiHandler(options: RestHandlerOptions): FetchHandler {
  const rest = createRestHandler(options);
  const xapi = createXapiHandler(options);
  return (request) => (new URL(request.url).pathname.startsWith(`${XAPI_BASE}/`) ? xapi(request) : rest(request));
}

/**
 * Answers a Node request with a fetch-style handler: how the production server serves /api/v1 without
 * Next's router (server/production-server.ts), and how tests serve the API over real HTTP. At most one
 * byte more than the body limit is read, so an oversized body costs no memory; the handler answers 413.
 */
export async function serveWithFetchHandler(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  extraHeaders: { key: string; value: string }[] = [],
): Promise<void> {
  const { body, truncated } = await readLimited(req, MAX_BODY_BYTES + 1);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // Handlers read the path and the query only; the Host header is the client's to choose, so it is not used.
  const request = new Request(`http://localhost${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
  const response = await handler(request);
  for (const { key, value } of extraHeaders) res.setHeader(key, value);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  // The rest of an oversized body is never read: close the connection rather than keep it in an unknown state.
  if (truncated) res.setHeader("connection", "close");
  res.statusCode = response.status;
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
  if (truncated) res.once("finish", () => req.destroy());
}

/** Reads a request body up to `limit` bytes, then stops reading (the stream is paused, not drained). */
function readLimited(req: IncomingMessage, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (truncated: boolean) => {
      req.off("data", onData).off("end", onEnd).off("error", reject);
      resolve({ body: Buffer.concat(chunks), truncated });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        req.pause();
        done(true);
      }
    };
    const onEnd = () => done(false);
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}
