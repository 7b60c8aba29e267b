import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { whoamiOutput } from "@/server/schemas/admin";
import { adminAchievementsRouter } from "./admin-achievements";
import { adminApiKeysRouter } from "./admin-api-keys";
import { adminAuditRouter } from "./admin-audit";
import { adminCredentialsRouter } from "./admin-credentials";
import { adminJobsRouter } from "./admin-jobs";
import { adminLearnersRouter } from "./admin-learners";
import { adminLevelsRouter } from "./admin-levels";
import { adminLeaderboardsRouter } from "./admin-leaderboards";
import { adminOverviewRouter } from "./admin-overview";
import { adminPrivacyRouter } from "./admin-privacy";
import { adminRulesRouter } from "./admin-rules";
import { adminStreaksRouter } from "./admin-streaks";
import { adminSystemRouter } from "./admin-system";
import { adminWebhooksRouter } from "./admin-webhooks";
import { adminXapiRouter } from "./admin-xapi";

/** The dashboard's procedures: every one needs a signed-in admin (adminProcedure). */
export const adminRouter = createTRPCRouter({
  whoami: adminProcedure.output(whoamiOutput).query(({ ctx }) => ctx.admin),
  overview: adminOverviewRouter,
  achievements: adminAchievementsRouter,
  rules: adminRulesRouter,
  streaks: adminStreaksRouter,
  leaderboards: adminLeaderboardsRouter,
  learners: adminLearnersRouter,
  levels: adminLevelsRouter,
  privacy: adminPrivacyRouter,
  apiKeys: adminApiKeysRouter,
  jobs: adminJobsRouter,
  audit: adminAuditRouter,
  webhooks: adminWebhooksRouter,
  xapi: adminXapiRouter,
  system: adminSystemRouter,
  credentials: adminCredentialsRouter,
});
