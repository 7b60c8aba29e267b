import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { userIdSchema } from "@/server/schemas/common";
import { xapiCountsOutput, xapiLogInput, xapiLogOutput } from "@/server/schemas/xapi";
import { mappingPageOutput, mappingVersionSchema, saveMappingInput } from "@/server/schemas/xapi-mapping";
import { adminActor } from "@/server/services/audit";
import { countStatements, getMappingPage, listStatements, saveMapping } from "@/server/services/xapi";

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

  /** The mapping in force (which verb becomes which event), the presets, and the latest versions. */
  mapping: adminProcedure
    .input(z.void())
    .output(mappingPageOutput)
    .query(({ ctx }) => getMappingPage(ctx.db)),

  /** Saves the rules as the next mapping version (audited), for statements received from now on. */
  saveMapping: adminProcedure
    .input(saveMappingInput)
    .output(mappingVersionSchema)
    .mutation(({ ctx, input }) => saveMapping(ctx.db, input, adminActor(ctx.admin))),
});
