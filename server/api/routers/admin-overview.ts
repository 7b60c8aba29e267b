import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { overviewOutput } from "@/server/schemas/admin";
import { getOverview } from "@/server/services/overview";
import { z } from "zod";

export const adminOverviewRouter = createTRPCRouter({
  get: adminProcedure
    .input(z.void())
    .output(overviewOutput)
    .query(({ ctx }) => getOverview(ctx.db)),
});
