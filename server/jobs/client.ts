import { eventType, Inngest } from "inngest";
import { z } from "zod";
import { env } from "@/server/env";

export const inngest = new Inngest({ id: "gamify" });

// Events that start jobs on demand (the dashboard's "Run now", achievement changes). Crons start the rest.
export const periodCloseRequested = eventType("gamification/period.close-requested", {
  schema: z.object({ period: z.enum(["weekly", "monthly"]) }),
});
export const streakCheckRequested = eventType("gamification/streaks.check-requested", { schema: z.object({}) });
export const leaderboardRefreshRequested = eventType("gamification/leaderboards.refresh-requested", { schema: z.object({}) });
export const webhookDeliveryRequested = eventType("gamification/webhooks.delivery-requested", { schema: z.object({}) });
export const streakAtRiskRequested = eventType("gamification/streaks.at-risk-requested", { schema: z.object({}) });
export const xapiRetentionRequested = eventType("gamification/xapi.retention-requested", { schema: z.object({}) });
export const achievementBackfillRequested = eventType("gamification/achievement.backfill-requested", {
  schema: z.object({ achievementId: z.number().int().positive(), batchSize: z.number().int().min(1).max(5000).optional() }),
});

/**
 * True when an Inngest server (its dev server, Inngest Cloud or a self-hosted one) runs the jobs: a signing key
 * (Inngest signs its calls to /api/inngest, and the SDK refuses unsigned ones) or dev mode (INNGEST_DEV=1).
 * The one decision: when it holds, /api/inngest serves the functions, "Run now" sends the job's event and the
 * built-in scheduler stays off; when not, /api/inngest answers 503, "Run now" runs the job here and the
 * built-in scheduler runs the crons (server/jobs/built-in-scheduler.ts). INNGEST_BASE_URL alone is not enough:
 * a self-hosted server signs its calls too.
 */
export function inngestConfigured(): boolean {
  return Boolean(env().INNGEST_SIGNING_KEY) || inngest.mode === "dev";
}
