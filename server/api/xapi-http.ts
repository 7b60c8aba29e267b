import type { PrismaClient } from "@prisma/client";
import { authenticateApiKey } from "@/server/auth";
import { verifyApiKey } from "@/server/services/api-keys";
import { receiveStatements } from "@/server/services/xapi";
import { createRateLimiter } from "./rate-limit";
import { fail, json, readJsonBody, type ApiHandler, type ApiRequest, type ApiResponse } from "./http-exchange";
import { API_BASE, errorResponse } from "./rest";

// The xAPI face of API.md ("xAPI statements"): the part of an LRS's statement resource that LMS emitters
// need. It authenticates (Bearer, or the API key as the password of HTTP Basic, which LRS clients send),
// checks the xAPI version header, reads the body with the REST face's limit, and calls the xAPI service.

export const XAPI_BASE = `${API_BASE}/xapi`;
export const XAPI_VERSION = "1.0.3";
const SUPPORTED_VERSIONS = ["1.0.3", "2.0.0"];
const VERSION_PATTERN = /^(1\.0(\.\d+)?|2\.0\.0)$/;

/** The key sent as the password of `Authorization: Basic base64(user:password)` (the user name is ignored). */
export function readBasicPassword(headers: ApiRequest["headers"]): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(headers.get("authorization") ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1);
}

async function authenticate(db: PrismaClient, headers: ApiRequest["headers"]) {
  const password = readBasicPassword(headers);
  return password !== null ? verifyApiKey(db, password) : authenticateApiKey(db, headers);
}

export interface XapiHandlerOptions {
  getDatabase: () => Promise<{ prisma: PrismaClient }>;
  rateLimitPerMinute: number;
}

export function createXapiHandler(options: XapiHandlerOptions): ApiHandler {
  const limiter = createRateLimiter(options.rateLimitPerMinute);

  const handle = async (req: ApiRequest): Promise<ApiResponse> => {
    const url = new URL(req.url, "http://localhost");
    const path = (url.pathname.startsWith(XAPI_BASE) ? url.pathname.slice(XAPI_BASE.length) : url.pathname).replace(/\/+$/, "") || "/";
    const resource = path === "/statements" ? "statements" : path === "/about" ? "about" : null;
    if (!resource) return fail("NOT_FOUND", `No xAPI resource ${url.pathname}: use ${XAPI_BASE}/statements or ${XAPI_BASE}/about.`);
    const allowed = resource === "about" ? ["GET"] : ["POST", "PUT"];
    if (!allowed.includes(req.method)) {
      return fail("NOT_FOUND", `${req.method} is not supported on ${XAPI_BASE}${path}: it accepts ${allowed.join(" and ")}.`);
    }

    const database = await options.getDatabase();
    const apiKey = await authenticate(database.prisma, req.headers);
    if (!apiKey) {
      return fail("UNAUTHORIZED", "Missing or invalid API key: send it as Authorization: Bearer <key>, or as the password of HTTP Basic.", {}, {
        "www-authenticate": 'Basic realm="xAPI"',
      });
    }
    const retryAfter = limiter.take(String(apiKey.id));
    if (retryAfter !== null) {
      return fail("TOO_MANY_REQUESTS", `Rate limit exceeded; retry in ${retryAfter} s.`, {}, { "retry-after": String(retryAfter) });
    }
    // The about resource answers whatever version the client speaks (that is how it finds out).
    if (resource === "about") return json(200, { version: SUPPORTED_VERSIONS });

    const version = req.headers.get("x-experience-api-version")?.trim();
    if (!version || !VERSION_PATTERN.test(version)) {
      const message = version ? `is ${version}, which is not supported (1.0.x or 2.0.0)` : "is required (1.0.x or 2.0.0)";
      return fail("BAD_REQUEST", `The X-Experience-API-Version header ${message}.`, {
        issues: [{ path: ["X-Experience-API-Version"], message }],
      });
    }

    let statementId: string | undefined;
    if (req.method === "PUT") {
      statementId = url.searchParams.get("statementId") ?? undefined;
      if (!statementId) return fail("BAD_REQUEST", "Invalid statementId: is required.", { issues: [{ path: ["statementId"], message: "is required" }] });
    }
    const body = await readJsonBody(req, { allowArray: req.method === "POST" });
    if (!body.ok) return body.response;

    const { ids } = await receiveStatements(database.prisma, body.value, { statementId });
    return req.method === "PUT" ? { status: 204, headers: {}, body: null } : json(200, ids);
  };

  return async (req) => {
    let response: ApiResponse;
    try {
      response = await handle(req);
    } catch (err) {
      response = errorResponse(err);
    }
    return { ...response, headers: { ...response.headers, "X-Experience-API-Version": XAPI_VERSION } };
  };
}
