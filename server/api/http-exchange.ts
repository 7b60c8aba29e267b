import { errorHeaders, httpStatus, type ErrorCode, type Issue } from "@/server/errors";
import { withRequestLog } from "./request-log";
import { MAX_JSON_DEPTH, tooDeepAt } from "@/server/lib/text";

// The LMS API's handlers (rest.ts, xapi-http.ts) read a request and answer in these plain shapes, so the
// same handler runs under Next's route handlers (web Request and Response, adapted below) and straight on
// Node's HTTP server (node-http.ts) without building web objects, which cost more than some answers.

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiRequest {
  method: string;
  /** The path and the query string. */
  url: string;
  headers: { get(name: string): string | null };
  /** The body, or `tooLarge` when it is over MAX_BODY_BYTES (then only that much was read). */
  body(): Promise<{ text: string } | { tooLarge: true }>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export const fail = (
  code: ErrorCode,
  message: string,
  extra: { issues?: Issue[] } = {},
  headers: Record<string, string> = {},
): ApiResponse => json(httpStatus[code], { error: { code, message, ...extra } }, { ...errorHeaders(code), ...headers });

const tooLarge = () => ({ ok: false as const, response: fail("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MiB.") });

/** Reads a JSON body of at most 1 MiB: an object, or (with `allowArray`) an object or an array. */
export async function readJsonBody(
  req: ApiRequest,
  options: { allowArray?: boolean } = {},
): Promise<{ ok: true; value: unknown } | { ok: false; response: ApiResponse }> {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return tooLarge();
  const body = await req.body();
  if ("tooLarge" in body) return tooLarge();
  const expected = options.allowArray ? "a JSON object or array" : "a JSON object";
  const notJson = (why: string) => ({
    ok: false as const,
    response: fail("BAD_REQUEST", `The request body must be ${expected}: ${why}.`, { issues: [{ path: [], message: why }] }),
  });
  if (body.text.trim() === "") return notJson("the body is empty");
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch {
    return notJson("the body is not valid JSON");
  }
  if (value === null || typeof value !== "object" || (Array.isArray(value) && !options.allowArray)) {
    return notJson(`the body is not ${expected}`);
  }
  // Before anything walks the value (a schema, a hash, a statement's canonical form): a walk may recurse.
  const deep = tooDeepAt(value);
  if (deep) {
    const message = `is nested deeper than ${MAX_JSON_DEPTH} levels`;
    return { ok: false, response: fail("BAD_REQUEST", `The request body ${message}.`, { issues: [{ path: deep, message }] }) };
  }
  return { ok: true, value };
}

/** An API handler as a Next route handler, each request logged (created on first use, so `next build` reads no settings). */
export function asRouteHandler(create: () => ApiHandler): (req: Request) => Promise<Response> {
  let handler: ApiHandler | undefined;
  return async (req) => {
    const url = new URL(req.url);
    const answer = await (handler ??= withRequestLog(create()))({
      method: req.method,
      url: url.pathname + url.search,
      headers: req.headers,
      body: () => readWebBody(req),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}

async function readWebBody(req: Request): Promise<{ text: string } | { tooLarge: true }> {
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return { tooLarge: true };
      }
      chunks.push(value);
    }
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}
