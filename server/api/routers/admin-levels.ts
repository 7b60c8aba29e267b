import { adminRead } from "@/server/api/procedure-builders";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  learnerLevelsInput,
  learnerLevelsOutput,
  levelBandsInput,
  levelBandsOutput,
  levelPreviewInput,
  levelPreviewOutput,
} from "@/server/schemas/levels";
import { countLearnersPerLevel, getLearnerLevels, listLevelBands, saveLevelBands } from "@/server/services/levels";

// The Levels page: the bands, the editor's save, and its live preview of learners per band.

export const adminLevelsRouter = createTRPCRouter({
  list: adminRead.output(levelBandsOutput).query(({ ctx }) => listLevelBands(ctx.db)),

  /** How many learners sit in each band under bands that are being edited (nothing is saved). */
  preview: adminProcedure
    .input(levelPreviewInput)
    .output(levelPreviewOutput)
    .query(({ ctx, input }) => countLearnersPerLevel(ctx.db, input.starts)),

  /** The levels of a page of learners, for the level column of the learner list and the boards. */
  ofLearners: adminProcedure
    .input(learnerLevelsInput)
    .output(learnerLevelsOutput)
    .query(({ ctx, input }) => getLearnerLevels(ctx.db, input.userIds)),

  save: adminProcedure
    .input(levelBandsInput)
    .output(levelBandsOutput)
    .mutation(({ ctx, input }) => saveLevelBands(ctx.db, input, ctx.actor)),
});
