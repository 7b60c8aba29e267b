import { z } from "zod";
import { adminRead } from "@/server/api/procedure-builders";
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

/** Adding and editing a course's point table take the same input and answer alike. */
const overrideChange = (change: typeof addCourseOverride) =>
  adminProcedure
    .input(courseOverrideInput)
    .output(courseOverrideSchema)
    .mutation(({ ctx, input }) => {
      const { courseId, ...table } = input;
      return change(ctx.db, courseId, table, ctx.actor);
    });

export const adminRulesRouter = createTRPCRouter({
  get: adminRead.output(pointRulesOutput).query(({ ctx }) => getPointRules(ctx.db)),

  update: adminProcedure
    .input(updateRulesInput)
    .output(pointRulesSchema)
    .mutation(({ ctx, input }) => updatePointRules(ctx.db, input, ctx.actor)),

  addOverride: overrideChange(addCourseOverride),
  updateOverride: overrideChange(updateCourseOverride),

  removeOverride: adminProcedure
    .input(courseRefInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removeCourseOverride(ctx.db, input.courseId, ctx.actor);
      return { removed: true as const };
    }),

  setTimezone: adminProcedure
    .input(setTimezoneInput)
    .output(z.object({ timezone: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await setOrganisationTimezone(ctx.db, input.timezone, ctx.actor);
      return { timezone: input.timezone };
    }),
});
