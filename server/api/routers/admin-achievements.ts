import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { dashboardBackfill } from "@/server/jobs/run-now";
import {
  achievementFormSchema,
  adminAchievementSchema,
  createAchievementOutput,
  setAchievementActiveInput,
  setAchievementActiveOutput,
  updateAchievementInput,
} from "@/server/schemas/admin";
import { achievementSchema } from "@/server/schemas/achievements";
import {
  createAchievement,
  listAllAchievements,
  setAchievementActive,
  updateAchievement,
} from "@/server/services/achievement-catalog";
import { adminActor } from "@/server/services/audit";

export const adminAchievementsRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.void())
    .output(z.array(adminAchievementSchema))
    .query(({ ctx }) => listAllAchievements(ctx.db)),

  /** Creates an achievement and awards it retroactively (here, or through Inngest when configured). */
  create: adminProcedure
    .input(achievementFormSchema)
    .output(createAchievementOutput)
    .mutation(async ({ ctx, input }) => {
      const award = dashboardBackfill(ctx.db);
      const result = await createAchievement(ctx.db, input, adminActor(ctx.admin), award.backfill);
      return { achievement: result.achievement, awarded: award.queued() ? null : result.awarded, queued: award.queued() };
    }),

  update: adminProcedure
    .input(updateAchievementInput)
    .output(achievementSchema)
    .mutation(({ ctx, input }) => {
      const { key, ...changes } = input;
      return updateAchievement(ctx.db, key, changes, adminActor(ctx.admin));
    }),

  /** Deactivating hides it from new awards; re-activating awards it retroactively. */
  setActive: adminProcedure
    .input(setAchievementActiveInput)
    .output(setAchievementActiveOutput)
    .mutation(async ({ ctx, input }) => {
      const award = dashboardBackfill(ctx.db);
      const result = await setAchievementActive(ctx.db, input.key, input.active, adminActor(ctx.admin), award.backfill);
      return { ...result, awarded: award.queued() ? null : result.awarded, queued: award.queued() };
    }),
});
