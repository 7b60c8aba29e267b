import { z } from "zod";
import { lmsRoutes } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import { achievementDetailSchema, achievementKeySchema, achievementSchema } from "@/server/schemas/achievements";
import { getAchievement, listActiveAchievements } from "@/server/services/achievements";

const route = lmsRoutes("achievements");

export const achievementsRouter = createTRPCRouter({
  list: route
    .get("/achievements", "Active achievements")
    .input(z.object({}))
    .output(z.array(achievementSchema))
    .query(({ ctx }) => listActiveAchievements(ctx.db)),

  get: route
    .get("/achievements/{key}", "One achievement and how many learners earned it")
    .input(z.object({ key: achievementKeySchema }))
    .output(achievementDetailSchema)
    .query(({ ctx, input }) => getAchievement(ctx.db, input.key)),
});
