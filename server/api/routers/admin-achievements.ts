import { z } from "zod";
import { adminRead } from "@/server/api/procedure-builders";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { withDashboardBackfill } from "@/server/jobs/run-now";
import {
  achievementFormSchema,
  adminAchievementSchema,
  createAchievementOutput,
  setAchievementActiveInput,
  setAchievementActiveOutput,
  updateAchievementInput,
} from "@/server/schemas/admin";
import { achievementSchema } from "@/server/schemas/achievements";
import { createAchievement, listAllAchievements, setAchievementActive, updateAchievement } from "@/server/services/achievements";

export const adminAchievementsRouter = createTRPCRouter({
  list: adminRead.output(z.array(adminAchievementSchema)).query(({ ctx }) => listAllAchievements(ctx.db)),

  /** Creates an achievement and awards it retroactively (here, or through Inngest when configured). */
  create: adminProcedure
    .input(achievementFormSchema)
    .output(createAchievementOutput)
    .mutation(({ ctx, input }) => withDashboardBackfill(ctx.db, (backfill) => createAchievement(ctx.db, input, ctx.actor, backfill))),

  update: adminProcedure
    .input(updateAchievementInput)
    .output(achievementSchema)
    .mutation(({ ctx, input }) => {
      const { key, ...changes } = input;
      return updateAchievement(ctx.db, key, changes, ctx.actor);
    }),

  /** Deactivating hides it from new awards; re-activating awards it retroactively. */
  setActive: adminProcedure
    .input(setAchievementActiveInput)
    .output(setAchievementActiveOutput)
    .mutation(({ ctx, input }) =>
      withDashboardBackfill(ctx.db, (backfill) => setAchievementActive(ctx.db, input.key, input.active, ctx.actor, backfill)),
    ),
});
