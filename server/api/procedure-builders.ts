import { z } from "zod";
import type { OpenApiMeta, OpenApiMethod } from "trpc-to-openapi";
import { adminProcedure, apiKeyProcedure } from "@/server/api/trpc";

// Shapes the routers repeat, built once on the base procedures of trpc.ts.

type OpenApiRoute = NonNullable<OpenApiMeta["openapi"]>;

/**
 * LMS procedures under one OpenAPI tag, each declared with the method and path the REST face serves it at
 * (rest.ts reads them from the meta) and the summary the OpenAPI document shows.
 */
export function lmsRoutes(tag: string) {
  const tags = [tag];
  const at =
    (method: OpenApiMethod) =>
    (path: OpenApiRoute["path"], summary: string, more: Omit<OpenApiRoute, "method" | "path" | "tags" | "summary"> = {}) =>
      apiKeyProcedure.meta({ openapi: { method, path, tags, summary, ...more } });
  return { get: at("GET"), post: at("POST"), put: at("PUT"), patch: at("PATCH"), delete: at("DELETE") };
}

/** A dashboard read that takes no input (a list, a summary, the current settings). */
export const adminRead = adminProcedure.input(z.void());
