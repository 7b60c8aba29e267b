import type { z } from "zod";

/** A page's search parameters as Next hands them over: a repeated key (`?a=1&a=2`) arrives as a list. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated key counts by its first value, as a form that sends it once would have. */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The page's parameters read with its schema from server/schemas/dashboard-search.ts, whose fields fall back
 * rather than fail, so a hand-edited URL shows the page without the parameter that did not fit.
 */
export function parseSearchParams<T extends z.ZodRawShape>(search: SearchParams, schema: z.ZodObject<T>): z.output<z.ZodObject<T>> {
  return schema.parse(Object.fromEntries(Object.keys(schema.shape).map((key) => [key, firstValue(search[key])])));
}
