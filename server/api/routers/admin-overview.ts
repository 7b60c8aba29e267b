import { adminRead } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import { overviewOutput } from "@/server/schemas/admin";
import { getOverview } from "@/server/services/overview";

export const adminOverviewRouter = createTRPCRouter({
  get: adminRead.output(overviewOutput).query(({ ctx }) => getOverview(ctx.db)),
});
