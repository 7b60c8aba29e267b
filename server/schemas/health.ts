import { z } from "zod";

export const healthCheckInput = z.void();

export const healthCheckOutput = z.object({
  ok: z.literal(true),
  database: z.enum(["postgres", "pglite"]),
  /** The server's clock, ISO 8601 in UTC. */
  time: z.string(),
});

export type HealthCheck = z.infer<typeof healthCheckOutput>;

/** `GET /api/v1/health`, for load balancers: no key, no parameters, and this one answer while the database answers. */
export const healthStatusInput = z.object({});

export const healthStatusOutput = z.object({ status: z.literal("ok") });
