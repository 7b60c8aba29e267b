import type { PrismaClient } from "@prisma/client";
import { TRPCError } from "@trpc/server";
import { generateOpenApiDocument, type OpenApiMeta } from "trpc-to-openapi";
import { appRouter, createCaller } from "@/server/api/root";
import { createInnerContext, toPublicError } from "@/server/api/trpc";
import { errorHeaders, httpStatus, toErrorBody, type ErrorCode } from "@/server/errors";
import { noteRoute } from "@/server/log";
import { createApiKeyGate } from "./api-key-gate";
import { fail, json, readJsonBody, type ApiHandler, type ApiResponse } from "./http-exchange";

// The REST face of API.md: a thin dispatcher from method + path to the tRPC procedure that declares them
// in its `meta.openapi`, so the served routes and the OpenAPI document come from one list. (trpc-to-openapi's
// own handler coerces body fields, accepting `"userId": 42`; API.md wants a 400 there, so only its document
// generator is used.)

export const API_BASE = "/api/v1";

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: string[];
  procedurePath: string;
  /** False for a route declared `protect: false` (the health check, for load balancers): no key asked. */
  protect: boolean;
}

function buildRoutes(): Route[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: OpenApiMeta } }>;
  return Object.entries(procedures).flatMap(([procedurePath, procedure]) => {
    const openapi = procedure._def.meta?.openapi;
    if (!openapi) return [];
    const params: string[] = [];
    const pattern = new RegExp(
      "^" +
        openapi.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
          params.push(name);
          return "([^/]+)";
        }) +
        "/?$",
    );
    return [{ method: openapi.method, template: openapi.path, pattern, params, procedurePath, protect: openapi.protect !== false }];
  });
}

export function openApiDocument(baseUrl = API_BASE) {
  return generateOpenApiDocument(appRouter, {
    title: "Gamification API",
    version: "1.0.0",
    description:
      "Points, streaks, achievements and leaderboards for learning platforms. Authenticate with `Authorization: Bearer <api key>`.",
    baseUrl,
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
  });
}

/** Any thrown value as the error shape of API.md (never a stack trace). */
export function errorResponse(err: unknown): ApiResponse {
  if (err instanceof TRPCError) {
    const pub = toPublicError(err);
    const code = (pub.code in httpStatus ? pub.code : "INTERNAL_SERVER_ERROR") as ErrorCode;
    return fail(code, pub.message, code === "BAD_REQUEST" && pub.issues ? { issues: pub.issues } : {});
  }
  const { status, body } = toErrorBody(err);
  return json(status, body, errorHeaders(body.error.code));
}

/**
 * A route's path parameters, each one percent-encoded segment (`%2F` is a `/` inside a course id that is a URL);
 * malformed percent-encoding (`%ZZ`, bytes that are not UTF-8) is a 400 naming the parameter.
 */
function decodePathParams(route: Route, path: string): { ok: true; values: Record<string, string> } | { ok: false; response: ApiResponse } {
  const match = route.pattern.exec(path)!;
  const values: Record<string, string> = {};
  const malformed: string[] = [];
  route.params.forEach((name, i) => {
    try {
      values[name] = decodeURIComponent(match[i + 1]!);
    } catch {
      malformed.push(name);
    }
  });
  if (malformed.length === 0) return { ok: true, values };
  const message = "is not valid percent-encoding (each % must start a %XX byte of UTF-8)";
  return {
    ok: false,
    response: fail("BAD_REQUEST", `Invalid input: ${malformed[0]}: ${message}.`, {
      issues: malformed.map((name) => ({ path: [name], message })),
    }),
  };
}

export interface RestHandlerOptions {
  getDatabase: () => Promise<{ prisma: PrismaClient; kind: "postgres" | "pglite" }>;
  rateLimitPerMinute: number;
}

export function createRestHandler(options: RestHandlerOptions): ApiHandler {
  const routes = buildRoutes();
  const checkApiKey = createApiKeyGate({
    rateLimitPerMinute: options.rateLimitPerMinute,
    unauthorized: () => fail("UNAUTHORIZED", "Missing or invalid API key: send Authorization: Bearer <api key>."),
  });
  let document: unknown;

  return async (req) => {
    try {
      const url = new URL(req.url, "http://localhost");
      const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || "/" : url.pathname;
      if (req.method === "GET" && path === "/openapi.json") {
        noteRoute(path);
        return json(200, (document ??= openApiDocument()));
      }

      const candidates = routes.filter((r) => r.pattern.test(path));
      const route = candidates.find((r) => r.method === req.method);
      if (!route) {
        if (candidates.length === 0) return fail("NOT_FOUND", `No route ${req.method} ${API_BASE}${path}.`);
        // A known path with another method: 405 with the methods it takes, to a caller with a valid key.
        const check = await checkApiKey((await options.getDatabase()).prisma, req.headers);
        if (!check.ok) return check.response;
        const allow = [...new Set(candidates.map((r) => r.method))].join(", ");
        return fail("METHOD_NOT_SUPPORTED", `${req.method} is not supported on ${API_BASE}${path}: it accepts ${allow}.`, {}, { allow });
      }

      noteRoute(route.template);
      const database = await options.getDatabase();
      const check = route.protect ? await checkApiKey(database.prisma, req.headers) : { ok: true as const, apiKey: null };
      if (!check.ok) return check.response;
      const { apiKey } = check;

      let input: Record<string, unknown> = {};
      if (req.method === "GET" || req.method === "DELETE") {
        for (const [k, v] of url.searchParams) input[k] = v;
      } else {
        const body = await readJsonBody(req);
        if (!body.ok) return body.response;
        input = body.value as Record<string, unknown>;
      }
      const pathParams = decodePathParams(route, path);
      if (!pathParams.ok) return pathParams.response;
      input = { ...input, ...pathParams.values };

      const caller = createCaller(createInnerContext({ db: database.prisma, databaseKind: database.kind, apiKey })) as unknown as Record<
        string,
        Record<string, (input: unknown) => Promise<unknown>>
      >;
      const [group, name] = route.procedurePath.split(".") as [string, string];
      const data = await caller[group]![name]!(input);
      // A new event is created (201); a repeated id answers 200 with duplicate: true.
      const created = route.template === "/events" && (data as { duplicate?: boolean }).duplicate === false;
      return json(created ? 201 : 200, data);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
