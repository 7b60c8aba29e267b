import { adminRouter } from "@/server/api/routers/admin";
import { achievementsRouter } from "@/server/api/routers/achievements";
import { coursesRouter } from "@/server/api/routers/courses";
import { credentialsRouter } from "@/server/api/routers/credentials";
import { embedRouter } from "@/server/api/routers/embed";
import { eventsRouter } from "@/server/api/routers/events";
import { healthRouter } from "@/server/api/routers/health";
import { leaderboardsRouter } from "@/server/api/routers/leaderboards";
import { usersRouter } from "@/server/api/routers/users";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  admin: adminRouter,
  events: eventsRouter,
  leaderboards: leaderboardsRouter,
  users: usersRouter,
  achievements: achievementsRouter,
  courses: coursesRouter,
  embed: embedRouter,
  credentials: credentialsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
