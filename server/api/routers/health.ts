import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { healthCheckInput, healthCheckOutput } from "@/server/schemas/health";

export const healthRouter = createTRPCRouter({
  check: publicProcedure
    .input(healthCheckInput)
    .output(healthCheckOutput)
    .query(async ({ ctx }) => {
      // A round trip proves the database answers, not only that a client object exists.
      await ctx.db.$queryRaw`SELECT 1`;
      return { ok: true as const, database: ctx.databaseKind, time: new Date().toISOString() };
    }),
});
