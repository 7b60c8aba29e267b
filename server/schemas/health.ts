import { z } from "zod";

export const healthCheckInput = z.void();

export const healthCheckOutput = z.object({
  ok: z.literal(true),
  database: z.enum(["postgres", "pglite"]),
  /** The server's clock, ISO 8601 in UTC. */
  time: z.string(),
});

export type HealthCheck = z.infer<typeof healthCheckOutput>;
