import { apiKeyProcedure, createTRPCRouter } from "@/server/api/trpc";
import { aroundPageSchema, boardPageSchema, courseAroundInput, courseBoardInput, globalAroundInput, globalBoardInput } from "@/server/schemas/boards";
import { getAroundLearner, getLeaderboard } from "@/server/services/leaderboards";

const tags = ["leaderboards"];

export const leaderboardsRouter = createTRPCRouter({
  global: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/leaderboards/global", tags, summary: "The global leaderboard" } })
    .input(globalBoardInput)
    .output(boardPageSchema)
    .query(({ ctx, input }) => getLeaderboard(ctx.db, { ...input, courseId: null })),

  course: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/leaderboards/courses/{courseId}", tags, summary: "A course's leaderboard" } })
    .input(courseBoardInput)
    .output(boardPageSchema)
    .query(({ ctx, input }) => getLeaderboard(ctx.db, input)),

  globalAround: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/leaderboards/global/around/{userId}", tags, summary: "A learner and their neighbours on the global board" } })
    .input(globalAroundInput)
    .output(aroundPageSchema)
    .query(({ ctx, input }) => getAroundLearner(ctx.db, { ...input, courseId: null })),

  courseAround: apiKeyProcedure
    .meta({ openapi: { method: "GET", path: "/leaderboards/courses/{courseId}/around/{userId}", tags, summary: "A learner and their neighbours on a course board" } })
    .input(courseAroundInput)
    .output(aroundPageSchema)
    .query(({ ctx, input }) => getAroundLearner(ctx.db, input)),
});
