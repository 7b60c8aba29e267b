import { z } from "zod";
import { adminRead } from "@/server/api/procedure-builders";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { inngestConfigured } from "@/server/jobs/client";
import { runJobNow } from "@/server/jobs/run-now";
import { jobRunnerOutput, jobsOutput, runJobInput, runJobOutput } from "@/server/schemas/admin";
import { listJobsWithRuns } from "@/server/services/job-runs";

export const adminJobsRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.object({ runsPerJob: z.number().int().min(1).max(50).default(5) }).optional())
    .output(jobsOutput)
    .query(({ ctx, input }) => listJobsWithRuns(ctx.db, input?.runsPerJob ?? 5)),

  /** How "Run now" runs a job here (the Jobs and Webhooks pages say so before the admin clicks). */
  runner: adminRead.output(jobRunnerOutput).query(() => ({ viaInngest: inngestConfigured() })),

  /** Sends the job's Inngest event when Inngest is configured, else runs the job here and records the run. */
  runNow: adminProcedure
    .input(runJobInput)
    .output(runJobOutput)
    .mutation(({ ctx, input }) => runJobNow(ctx.db, input.job)),
});
