import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { env } from "@/server/env";
import { learnerExportSchema, userRefInput, visibilitySchema } from "@/server/schemas/learners";
import { AppError } from "@/server/errors";
import { findLearner, updateLearner } from "@/server/services/learner-profile";
import { eraseLearner } from "@/server/services/privacy/erase";
import { exportLearner } from "@/server/services/privacy/export";

// The learner page's privacy card (docs/privacy.md): visibility, the export download, and erasure, which the
// admin confirms by typing the learner's user id.

export const adminPrivacyRouter = createTRPCRouter({
  export: adminProcedure
    .input(userRefInput)
    .output(learnerExportSchema)
    .query(({ ctx, input }) => exportLearner(ctx.db, input.userId)),

  visibility: adminProcedure
    .input(userRefInput)
    .output(z.object({ visibility: visibilitySchema }))
    .query(async ({ ctx, input }) => ({ visibility: visibilitySchema.parse((await findLearner(ctx.db, input.userId)).visibility) })),

  setVisibility: adminProcedure
    .input(userRefInput.extend({ visibility: visibilitySchema }))
    .output(z.object({ visibility: visibilitySchema }))
    .mutation(async ({ ctx, input }) => {
      await updateLearner(ctx.db, input.userId, { visibility: input.visibility });
      return { visibility: input.visibility };
    }),

  erase: adminProcedure
    .input(userRefInput.extend({ confirmation: z.string() }))
    .output(z.object({ userId: z.string(), erased: z.literal(true) }))
    .mutation(({ ctx, input }) => {
      if (input.confirmation !== input.userId) {
        throw new AppError("BAD_REQUEST", "Type the learner's user id to confirm.", [
          { path: ["confirmation"], message: "must be the learner's user id" },
        ]);
      }
      return eraseLearner(ctx.db, input.userId, ctx.actor);
    }),

  retention: adminProcedure
    .output(z.object({ xapiRetentionDays: z.number().int() }))
    .query(() => ({ xapiRetentionDays: env().XAPI_RETENTION_DAYS })),
});
