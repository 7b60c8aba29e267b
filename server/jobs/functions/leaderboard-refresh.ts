import { cron } from "inngest";
import { getDb } from "@/server/db";
import { inngest, leaderboardRefreshRequested } from "@/server/jobs/client";
import { JOBS } from "@/server/lib/job-catalog";
import { recordRun, runJobWork } from "@/server/services/job-runs";

export const leaderboardRefresh = inngest.createFunction(
  {
    id: "leaderboard-refresh",
    name: JOBS["leaderboard-refresh"].name,
    concurrency: { limit: 1 },
    triggers: [cron(JOBS["leaderboard-refresh"].cron), leaderboardRefreshRequested],
  },
  async ({ event, step }) =>
    step.run("reconcile-with-ledger", async () =>
      recordRun(await getDb(), "leaderboard-refresh", event.name, async () => runJobWork(await getDb(), "leaderboard-refresh")),
    ),
);
