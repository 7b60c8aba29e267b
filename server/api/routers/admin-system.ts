import { adminRead } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import { inngestConfigured } from "@/server/jobs/client";
import { databaseInsightOutput, systemHealthOutput } from "@/server/schemas/system";
import { getDatabaseInsight } from "@/server/services/system/database-insight";
import { getSystemHealth } from "@/server/services/system/health-at-a-glance";

/** The System page: the database's insight, and the health of jobs, webhooks and ingestion at a glance. */
export const adminSystemRouter = createTRPCRouter({
  database: adminRead.output(databaseInsightOutput).query(({ ctx }) => getDatabaseInsight(ctx.db)),
  health: adminRead.output(systemHealthOutput).query(({ ctx }) => getSystemHealth(ctx.db, { viaInngest: inngestConfigured() })),
});
