import { lmsRoutes } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import {
  aroundPageSchema,
  boardPageSchema,
  courseAroundInput,
  courseBoardInput,
  globalAroundInput,
  globalBoardInput,
} from "@/server/schemas/boards";
import { getAroundLearner, getLeaderboard } from "@/server/services/leaderboards";

const route = lmsRoutes("leaderboards");
/** The global board is the board of no course. */
const onGlobalBoard = <T extends object>(input: T) => ({ ...input, courseId: null });

export const leaderboardsRouter = createTRPCRouter({
  global: route
    .get("/leaderboards/global", "The global leaderboard")
    .input(globalBoardInput)
    .output(boardPageSchema)
    .query(({ ctx, input }) => getLeaderboard(ctx.db, onGlobalBoard(input))),

  course: route
    .get("/leaderboards/courses/{courseId}", "A course's leaderboard")
    .input(courseBoardInput)
    .output(boardPageSchema)
    .query(({ ctx, input }) => getLeaderboard(ctx.db, input)),

  globalAround: route
    .get("/leaderboards/global/around/{userId}", "A learner and their neighbours on the global board")
    .input(globalAroundInput)
    .output(aroundPageSchema)
    .query(({ ctx, input }) => getAroundLearner(ctx.db, onGlobalBoard(input))),

  courseAround: route
    .get("/leaderboards/courses/{courseId}/around/{userId}", "A learner and their neighbours on a course board")
    .input(courseAroundInput)
    .output(aroundPageSchema)
    .query(({ ctx, input }) => getAroundLearner(ctx.db, input)),
});
