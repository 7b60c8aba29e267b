import { eventType, Inngest } from "inngest";
import { z } from "zod";

export const inngest = new Inngest({ id: "gamify" });

// Events that start jobs on demand (the dashboard's "Run now", achievement changes). Crons start the rest.
export const periodCloseRequested = eventType("gamification/period.close-requested", {
  schema: z.object({ period: z.enum(["weekly", "monthly"]) }),
});
export const streakCheckRequested = eventType("gamification/streaks.check-requested", { schema: z.object({}) });
export const leaderboardRefreshRequested = eventType("gamification/leaderboards.refresh-requested", { schema: z.object({}) });
export const webhookDeliveryRequested = eventType("gamification/webhooks.delivery-requested", { schema: z.object({}) });
export const achievementBackfillRequested = eventType("gamification/achievement.backfill-requested", {
  schema: z.object({ achievementId: z.number().int().positive(), batchSize: z.number().int().min(1).max(5000).optional() }),
});

/** True when an Inngest server (dev server, cloud, or self-hosted) is configured to receive events. */
export function inngestConfigured(): boolean {
  return Boolean(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
}
