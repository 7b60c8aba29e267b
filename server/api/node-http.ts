import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { MAX_BODY_BYTES, type ApiHandler } from "./http-exchange";
import { withRequestLog } from "./request-log";
import { createRestHandler, type RestHandlerOptions } from "./rest";
import { createXapiHandler, XAPI_BASE } from "./xapi-http";

/**
 * The whole LMS API (/api/v1): xAPI under /api/v1/xapi, the REST face for the rest, as Next's routing
 * splits them between app/api/v1/xapi/[...path] and app/api/v1/[...path]; each request logged (to `logger`,
 * by default the process's log).
 */
export function createApiHandler(options: RestHandlerOptions & { logger?: Logger }): ApiHandler {
  const rest = createRestHandler(options);
  const xapi = createXapiHandler(options);
  return withRequestLog((req) => (req.url.startsWith(`${XAPI_BASE}/`) ? xapi(req) : rest(req)), options.logger);
}

/**
 * Answers a Node request with an API handler: how the production server serves /api/v1 without Next's
 * router (server/production-server.ts), and how tests serve the API over real HTTP. At most one byte more
 * than the body limit is read, so an oversized body costs no memory; the handler answers 413.
 */
export async function serveApi(
  handler: ApiHandler,
  req: IncomingMessage,
  res: ServerResponse,
  extraHeaders: { key: string; value: string }[] = [],
): Promise<void> {
  let truncated = false;
  const answer = await handler({
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: { get: (name) => headerValue(req.headers[name.toLowerCase()]) },
    body: async () => {
      const { body, tooLarge } = await readLimited(req, MAX_BODY_BYTES);
      truncated = tooLarge;
      return tooLarge ? { tooLarge: true } : { text: body.toString("utf8") };
    },
  });
  for (const { key, value } of extraHeaders) res.setHeader(key, value);
  for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
  // The rest of an oversized body is never read: close the connection rather than keep it in an unknown state.
  if (truncated) {
    res.setHeader("connection", "close");
    res.once("finish", () => req.destroy());
  }
  res.statusCode = answer.status;
  res.end(answer.body ?? undefined);
}

const headerValue = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;

/** Reads a request body up to `limit` bytes; past it, stops reading (the stream is paused, not drained). */
function readLimited(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (tooLarge: boolean) => {
      req.off("data", onData).off("end", onEnd).off("error", reject);
      resolve({ body: Buffer.concat(chunks), tooLarge });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done(true);
      }
    };
    const onEnd = () => done(false);
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}
