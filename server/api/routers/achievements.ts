import { z } from "zod";
import { apiKeyProcedure, createTRPCRouter } from "@/server/api/trpc";
import { achievementDetailSchema, achievementKeySchema, achievementSchema } from "@/server/schemas/achievements";
import { getAchievement, listActiveAchievements } from "@/server/services/achievement-catalog";

const tags = ["achievements"];

export const achievementsRouter = createTRPCRouter({
  list: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/achievements", tags, summary: "Active achievements" } })
    .input(z.object({}))
    .output(z.array(achievementSchema))
    .query(({ ctx }) => listActiveAchievements(ctx.db)),

  get: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/achievements/{key}", tags, summary: "One achievement and how many learners earned it" } })
    .input(z.object({ key: achievementKeySchema }))
    .output(achievementDetailSchema)
    .query(({ ctx, input }) => getAchievement(ctx.db, input.key)),
});
