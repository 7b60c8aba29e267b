import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { healthCheckInput, healthCheckOutput, healthStatusInput, healthStatusOutput } from "@/server/schemas/health";
import { checkDatabase } from "@/server/services/health";

export const healthRouter = createTRPCRouter({
  check: publicProcedure
    .input(healthCheckInput)
    .output(healthCheckOutput)
    .query(async ({ ctx }) => {
      // A round trip proves the database answers, not only that a client object exists.
      await checkDatabase(ctx.db);
      return { ok: true as const, database: ctx.databaseKind, time: new Date().toISOString() };
    }),

  // For load balancers, so without a key; 503 with retry-after when the database does not answer.
  status: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/health",
        protect: false,
        tags: ["health"],
        summary: "Whether the service and its database answer (no key needed)",
        successDescription: '{ "status": "ok" }: the service and its database answer',
        errorResponses: { 503: "The database does not answer within 1.5 s (retry-after says when to ask again)" },
      },
    })
    .input(healthStatusInput)
    .output(healthStatusOutput)
    .query(async ({ ctx }) => {
      await checkDatabase(ctx.db);
      return { status: "ok" as const };
    }),
});
