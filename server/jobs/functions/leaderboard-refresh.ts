import { leaderboardRefreshRequested } from "@/server/jobs/client";
import { recordedJobFunction } from "./recorded-job";

export const leaderboardRefresh = recordedJobFunction("leaderboard-refresh", leaderboardRefreshRequested, "reconcile-with-ledger");
