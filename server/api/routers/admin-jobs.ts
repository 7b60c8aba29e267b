import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { runJobNow } from "@/server/jobs/run-now";
import { jobsOutput, runJobInput, runJobOutput, type JOB_ID_VALUES } from "@/server/schemas/admin";
import { listJobsWithRuns, type JobId } from "@/server/services/job-runs";

// The schema lists the job ids itself (client forms import it, and job-runs is server-only): keep both in step.
type SchemaJobId = (typeof JOB_ID_VALUES)[number];
const sameJobs: [SchemaJobId, JobId] extends [JobId, SchemaJobId] ? true : never = true;
void sameJobs;

export const adminJobsRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.object({ runsPerJob: z.number().int().min(1).max(50).default(5) }).optional())
    .output(jobsOutput)
    .query(({ ctx, input }) => listJobsWithRuns(ctx.db, input?.runsPerJob ?? 5)),

  /** Sends the job's Inngest event when Inngest is configured, else runs the job here and records the run. */
  runNow: adminProcedure
    .input(runJobInput)
    .output(runJobOutput)
    .mutation(({ ctx, input }) => runJobNow(ctx.db, input.job)),
});
