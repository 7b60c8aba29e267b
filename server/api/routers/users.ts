import { z } from "zod";
import { lmsRoutes } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import {
  learnerAchievementsSchema,
  learnerExportSchema,
  learnerStreakSchema,
  markSeenInput,
  statsSchema,
  updateLearnerInput,
  userRefInput,
} from "@/server/schemas/learners";
import { credentialRefInput, openBadgeCredentialSchema } from "@/server/schemas/credentials";
import { credentialForAchievement } from "@/server/services/credentials/issue";
import { getLearnerAchievements, markAchievementsSeen } from "@/server/services/learner-achievements";
import { getLearnerStats, getLearnerStreak, updateLearner } from "@/server/services/learner-profile";
import { eraseLearner } from "@/server/services/privacy/erase";
import { exportLearner } from "@/server/services/privacy/export";

const route = lmsRoutes("learners");
/** A read about one learner, named by the `{userId}` of its path. */
const learnerRead = (path: `/users/{userId}${string}`, summary: string) => route.get(path, summary).input(userRefInput);

export const usersRouter = createTRPCRouter({
  stats: learnerRead("/users/{userId}/stats", "A learner's points, ranks, streak and counts")
    .output(statsSchema)
    .query(({ ctx, input }) => getLearnerStats(ctx.db, input.userId)),

  streak: learnerRead("/users/{userId}/streak", "A learner's streak")
    .output(learnerStreakSchema)
    .query(({ ctx, input }) => getLearnerStreak(ctx.db, input.userId)),

  achievements: learnerRead("/users/{userId}/achievements", "Earned and in-progress achievements")
    .output(learnerAchievementsSchema)
    .query(({ ctx, input }) => getLearnerAchievements(ctx.db, input.userId)),

  credential: route
    .get(
      "/users/{userId}/achievements/{key}/credential",
      "The earned achievement as a signed Open Badges 3.0 credential (docs/open-badges.md)",
    )
    .input(credentialRefInput)
    .output(openBadgeCredentialSchema)
    .query(
      async ({ ctx, input }) =>
        (await credentialForAchievement(ctx.db, input.userId, input.key)).credential as z.infer<typeof openBadgeCredentialSchema>,
    ),

  markSeen: route
    .post("/users/{userId}/achievements/seen", "Mark earned achievements as seen")
    .input(markSeenInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markAchievementsSeen(ctx.db, input.userId, input.keys) })),

  update: route
    .patch("/users/{userId}", "Change a learner's display name, time zone or visibility")
    .input(updateLearnerInput)
    .output(statsSchema)
    .mutation(({ ctx, input }) =>
      updateLearner(ctx.db, input.userId, { displayName: input.displayName, timezone: input.timezone, visibility: input.visibility }),
    ),

  export: learnerRead("/users/{userId}/export", "Everything stored about a learner, as one JSON document (docs/privacy.md)")
    .output(learnerExportSchema)
    .query(({ ctx, input }) => exportLearner(ctx.db, input.userId)),

  erase: route
    .delete("/users/{userId}", "Erase a learner and every trace of them")
    .input(userRefInput)
    .output(z.object({ userId: z.string(), erased: z.literal(true) }))
    .mutation(({ ctx, input }) => eraseLearner(ctx.db, input.userId, { adminId: null, actor: `apikey:${ctx.apiKey.name}` })),
});
