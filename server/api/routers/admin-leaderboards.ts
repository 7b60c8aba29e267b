import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  adminAroundInput,
  adminBoardInput,
  aroundPageSchema,
  boardPageSchema,
  boardPeriodsInput,
  boardPeriodsOutput,
  coursesInput,
  coursesOutput,
} from "@/server/schemas/admin";
import { listCourses, listRecentPeriods } from "@/server/services/board-options";
import { getAroundLearner, getLeaderboard } from "@/server/services/leaderboards";

export const adminLeaderboardsRouter = createTRPCRouter({
  /** A page of a board; a closed week or month shows its frozen final standings. */
  board: adminProcedure
    .input(adminBoardInput)
    .output(boardPageSchema)
    .query(({ ctx, input }) => getLeaderboard(ctx.db, input)),

  around: adminProcedure
    .input(adminAroundInput)
    .output(aroundPageSchema)
    .query(({ ctx, input }) => getAroundLearner(ctx.db, input)),

  periods: adminProcedure
    .input(boardPeriodsInput)
    .output(boardPeriodsOutput)
    .query(({ ctx, input }) => listRecentPeriods(ctx.db, input.period, input.count)),

  courses: adminProcedure
    .input(coursesInput)
    .output(coursesOutput)
    .query(({ ctx, input }) => listCourses(ctx.db, input)),
});
