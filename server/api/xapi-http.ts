import type { PrismaClient } from "@prisma/client";
import { noteRoute } from "@/server/log";
import { receiveStatements } from "@/server/services/xapi";
import { createApiKeyGate } from "./api-key-gate";
import { fail, json, readJsonBody, type ApiHandler, type ApiRequest, type ApiResponse } from "./http-exchange";
import { API_BASE, errorResponse } from "./rest";

// The xAPI face of API.md ("xAPI statements"): the part of an LRS's statement resource that LMS emitters
// need. It authenticates (Bearer, or the API key as the password of HTTP Basic, which LRS clients send),
// answers other methods 405 with `allow`, checks the xAPI version header, reads the body with the REST face's
// limit, and calls the xAPI service. `GET /xapi/about` is open (conformance tools call it without a key).

export const XAPI_BASE = `${API_BASE}/xapi`;
export const XAPI_VERSION = "1.0.3";
const SUPPORTED_VERSIONS = ["1.0.3", "2.0.0"];
const VERSION_PATTERN = /^(1\.0(\.\d+)?|2\.0\.0)$/;

export interface XapiHandlerOptions {
  getDatabase: () => Promise<{ prisma: PrismaClient }>;
  rateLimitPerMinute: number;
}

export function createXapiHandler(options: XapiHandlerOptions): ApiHandler {
  const checkApiKey = createApiKeyGate({
    rateLimitPerMinute: options.rateLimitPerMinute,
    basic: true,
    unauthorized: () =>
      fail(
        "UNAUTHORIZED",
        "Missing or invalid API key: send it as Authorization: Bearer <key>, or as the password of HTTP Basic.",
        {},
        {
          "www-authenticate": 'Basic realm="xAPI"',
        },
      ),
  });

  const handle = async (req: ApiRequest): Promise<ApiResponse> => {
    const url = new URL(req.url, "http://localhost");
    const path = (url.pathname.startsWith(XAPI_BASE) ? url.pathname.slice(XAPI_BASE.length) : url.pathname).replace(/\/+$/, "") || "/";
    const resource = path === "/statements" ? "statements" : path === "/about" ? "about" : null;
    if (!resource) return fail("NOT_FOUND", `No xAPI resource ${url.pathname}: use ${XAPI_BASE}/statements or ${XAPI_BASE}/about.`);
    noteRoute(`/xapi/${resource}`);
    // The about resource answers anyone, whatever version they speak (that is how a client finds out; API.md Revision 2).
    if (resource === "about" && req.method === "GET") return json(200, { version: SUPPORTED_VERSIONS });

    const database = await options.getDatabase();
    const key = await checkApiKey(database.prisma, req.headers);
    if (!key.ok) return key.response;
    const allowed = resource === "about" ? ["GET"] : ["POST", "PUT"];
    if (!allowed.includes(req.method)) {
      return fail(
        "METHOD_NOT_SUPPORTED",
        `${req.method} is not supported on ${XAPI_BASE}${path}: it accepts ${allowed.join(" and ")}.`,
        {},
        { allow: allowed.join(", ") },
      );
    }

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
      if (!statementId)
        return fail("BAD_REQUEST", "Invalid statementId: is required.", { issues: [{ path: ["statementId"], message: "is required" }] });
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
