import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { userIdSchema } from "@/server/schemas/common";
import { xapiCountsOutput, xapiLogInput, xapiLogOutput } from "@/server/schemas/xapi";
import { countStatements, listStatements } from "@/server/services/xapi";

export const adminXapiRouter = createTRPCRouter({
  /** Received statements, newest first, with what each became; filtered by status, reason, verb or learner. */
  log: adminProcedure
    .input(xapiLogInput)
    .output(xapiLogOutput)
    .query(({ ctx, input }) => listStatements(ctx.db, input)),

  counts: adminProcedure
    .input(z.object({ userId: userIdSchema.optional() }).optional())
    .output(xapiCountsOutput)
    .query(({ ctx, input }) => countStatements(ctx.db, { userId: input?.userId })),
});
