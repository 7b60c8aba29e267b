import { z } from "zod";
import { apiKeyProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  learnerAchievementsSchema,
  learnerStreakSchema,
  markSeenInput,
  statsSchema,
  updateLearnerInput,
  userRefInput,
} from "@/server/schemas/learners";
import {
  getLearnerAchievements,
  getLearnerStats,
  getLearnerStreak,
  markAchievementsSeen,
  updateLearner,
} from "@/server/services/learners";

const tags = ["learners"];

export const usersRouter = createTRPCRouter({
  stats: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/users/{userId}/stats", tags, summary: "A learner's points, ranks, streak and counts" } })
    .input(userRefInput)
    .output(statsSchema)
    .query(({ ctx, input }) => getLearnerStats(ctx.db, input.userId)),

  streak: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/users/{userId}/streak", tags, summary: "A learner's streak" } })
    .input(userRefInput)
    .output(learnerStreakSchema)
    .query(({ ctx, input }) => getLearnerStreak(ctx.db, input.userId)),

  achievements: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/users/{userId}/achievements", tags, summary: "Earned and in-progress achievements" } })
    .input(userRefInput)
    .output(learnerAchievementsSchema)
    .query(({ ctx, input }) => getLearnerAchievements(ctx.db, input.userId)),

  markSeen: apiKeyProcedure
    .meta({ openapi: { method: "POST", path: "/users/{userId}/achievements/seen", tags, summary: "Mark earned achievements as seen" } })
    .input(markSeenInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markAchievementsSeen(ctx.db, input.userId, input.keys) })),

  update: apiKeyProcedure
    .meta({ openapi: { method: "PATCH", path: "/users/{userId}", tags, summary: "Change a learner's display name or time zone" } })
    .input(updateLearnerInput)
    .output(statsSchema)
    .mutation(({ ctx, input }) => updateLearner(ctx.db, input.userId, { displayName: input.displayName, timezone: input.timezone })),
});
