import { achievementBackfill } from "./achievement-backfill";
import { leaderboardRefresh } from "./leaderboard-refresh";
import { monthlyClose } from "./monthly-close";
import { streakAtRisk } from "./streak-at-risk";
import { streakCheck } from "./streak-check";
import { webhookDelivery } from "./webhook-delivery";
import { weeklyClose } from "./weekly-close";
import { xapiRetention } from "./xapi-retention";

export const functions = [
  weeklyClose,
  monthlyClose,
  streakCheck,
  leaderboardRefresh,
  achievementBackfill,
  webhookDelivery,
  xapiRetention,
  streakAtRisk,
];
