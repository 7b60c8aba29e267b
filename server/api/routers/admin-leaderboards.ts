import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  adminAroundInput,
  adminBoardInput,
  aroundPageSchema,
  boardPageSchema,
  boardPeriodsInput,
  boardPeriodsOutput,
  boardViewInput,
  boardViewOutput,
  coursesInput,
  coursesOutput,
} from "@/server/schemas/admin";
import { listCourses, listRecentPeriods } from "@/server/services/board-options";
import { getBoardView } from "@/server/services/board-view";
import { getAroundLearner, getLeaderboard } from "@/server/services/leaderboards";

export const adminLeaderboardsRouter = createTRPCRouter({
  /** What the Leaderboards page shows for the admin's picks: the period, then a page or a learner's neighbours. */
  view: adminProcedure
    .input(boardViewInput)
    .output(boardViewOutput)
    .query(({ ctx, input }) => getBoardView(ctx.db, input)),

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
