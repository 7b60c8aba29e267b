import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  courseOverrideInput,
  courseOverrideSchema,
  courseRefInput,
  pointRulesOutput,
  pointRulesSchema,
  setTimezoneInput,
  updateRulesInput,
} from "@/server/schemas/admin";
import {
  addCourseOverride,
  getPointRules,
  removeCourseOverride,
  setOrganisationTimezone,
  updateCourseOverride,
  updatePointRules,
} from "@/server/services/point-rules";
import { adminActor } from "@/server/services/audit";

export const adminRulesRouter = createTRPCRouter({
  get: adminProcedure
    .input(z.void())
    .output(pointRulesOutput)
    .query(({ ctx }) => getPointRules(ctx.db)),

  update: adminProcedure
    .input(updateRulesInput)
    .output(pointRulesSchema)
    .mutation(({ ctx, input }) => updatePointRules(ctx.db, input, adminActor(ctx.admin))),

  addOverride: adminProcedure
    .input(courseOverrideInput)
    .output(courseOverrideSchema)
    .mutation(({ ctx, input }) => {
      const { courseId, ...table } = input;
      return addCourseOverride(ctx.db, courseId, table, adminActor(ctx.admin));
    }),

  updateOverride: adminProcedure
    .input(courseOverrideInput)
    .output(courseOverrideSchema)
    .mutation(({ ctx, input }) => {
      const { courseId, ...table } = input;
      return updateCourseOverride(ctx.db, courseId, table, adminActor(ctx.admin));
    }),

  removeOverride: adminProcedure
    .input(courseRefInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removeCourseOverride(ctx.db, input.courseId, adminActor(ctx.admin));
      return { removed: true as const };
    }),

  setTimezone: adminProcedure
    .input(setTimezoneInput)
    .output(z.object({ timezone: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await setOrganisationTimezone(ctx.db, input.timezone, adminActor(ctx.admin));
      return { timezone: input.timezone };
    }),
});
