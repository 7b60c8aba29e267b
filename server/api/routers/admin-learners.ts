import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  activeDaysInput,
  activeDaysOutput,
  adjustPointsInput,
  adjustPointsOutput,
  learnerAchievementsSchema,
  learnerRefInput,
  learnerSearchInput,
  learnerSearchOutput,
  ledgerInput,
  ledgerOutput,
  statsSchema,
} from "@/server/schemas/admin";
import { searchLearners } from "@/server/services/learner-search";
import { defaultDirection, learnerListInput, learnerListOutput } from "@/server/schemas/learner-list";
import { listLearners } from "@/server/services/learner-list";
import { getLearnerAchievements } from "@/server/services/learner-achievements";
import { listLedger } from "@/server/services/learner-ledger";
import { getLearnerStats, listActiveDays } from "@/server/services/learner-profile";
import { adjustPoints } from "@/server/services/point-adjustment";

export const adminLearnersRouter = createTRPCRouter({
  search: adminProcedure
    .input(learnerSearchInput)
    .output(learnerSearchOutput)
    .query(({ ctx, input }) => searchLearners(ctx.db, input.query, input.limit)),

  /** The Learners page: a page by keyset cursor, the total matching, sorted and searched. */
  list: adminProcedure
    .input(learnerListInput)
    .output(learnerListOutput)
    .query(({ ctx, input }) => listLearners(ctx.db, { ...input, direction: input.direction ?? defaultDirection[input.sort] })),

  stats: adminProcedure
    .input(learnerRefInput)
    .output(statsSchema)
    .query(({ ctx, input }) => getLearnerStats(ctx.db, input.userId)),

  achievements: adminProcedure
    .input(learnerRefInput)
    .output(learnerAchievementsSchema)
    .query(({ ctx, input }) => getLearnerAchievements(ctx.db, input.userId)),

  ledger: adminProcedure
    .input(ledgerInput)
    .output(ledgerOutput)
    .query(({ ctx, input }) => listLedger(ctx.db, input.userId, { limit: input.limit, before: input.before })),

  activeDays: adminProcedure
    .input(activeDaysInput)
    .output(activeDaysOutput)
    .query(({ ctx, input }) => listActiveDays(ctx.db, input.userId, input.from, input.to)),

  /** A manual adjustment: one ledger row with the reason and the admin, and one audit row (adjustPoints). */
  adjust: adminProcedure
    .input(adjustPointsInput)
    .output(adjustPointsOutput)
    .mutation(({ ctx, input }) => adjustPoints(ctx.db, input, ctx.actor)),
});
