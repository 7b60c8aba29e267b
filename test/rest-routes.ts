import { openApiDocument } from "@/server/api/rest";

export interface RestRoute {
  method: string;
  /** The path under /api/v1, with `{param}` placeholders. */
  template: string;
  params: string[];
  query: string[];
}

/** Every route of the REST face, as its OpenAPI document lists them (so a route added later is covered too). */
export function restRoutes(): RestRoute[] {
  return Object.entries(openApiDocument().paths ?? {}).flatMap(([template, item]) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const query = (operation.parameters ?? []).flatMap((p) => ("in" in p && p.in === "query" ? [p.name] : []));
      const params = (template.match(/\{\w+\}/g) ?? []).map((p) => p.slice(1, -1));
      return [{ method: method.toUpperCase(), template, params, query }];
    }),
  );
}

/** The route's path with each parameter replaced by `segmentOf(name)` (already percent-encoded). */
export const fillPath = (route: RestRoute, segmentOf: (name: string, index: number) => string) =>
  route.params.reduce((path, name, i) => path.replace(`{${name}}`, segmentOf(name, i)), route.template);
