import type { Sql } from "@/server/db";
import type { EventOutcome } from "@/server/schemas/events";
import type { LevelUp } from "@/server/services/levels";
import type { WebhookSubscription } from "@/server/services/rules";
import { readStreak, type StreakSummary } from "@/server/services/streaks";
import { newWebhookId } from "./signing";

// The outbox: the deliveries a change writes in its own transaction, for the delivery engine to send later.
// This is the one webhook file ingestion imports, so it stays free of endpoint management and HTTP.

export interface WebhookMessage {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Writes one delivery per message and subscribed endpoint, on the caller's transaction, so a delivery exists
 * exactly when the change it announces commits. Without subscribers it makes no query.
 */
export async function enqueueWebhooks(
  sql: Sql,
  subscriptions: WebhookSubscription[],
  messages: WebhookMessage[],
  now: Date,
): Promise<number> {
  if (subscriptions.length === 0 || messages.length === 0) return 0;
  const timestamp = now.toISOString();
  const rows = messages.flatMap((m) =>
    subscriptions
      .filter((s) => s.eventTypes.includes(m.type))
      .map((s) => ({
        endpoint_id: s.endpointId,
        webhook_id: newWebhookId(),
        type: m.type,
        payload: { type: m.type, timestamp, data: m.data },
      })),
  );
  if (rows.length === 0) return 0;
  await sql.query(
    `INSERT INTO webhook_delivery (endpoint_id, webhook_id, type, payload, next_attempt_at)
     SELECT r.endpoint_id, r.webhook_id, r.type, r.payload, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS r(endpoint_id int, webhook_id text, type text, payload jsonb)`,
    [JSON.stringify(rows), timestamp],
  );
  return rows.length;
}

/** True when some enabled endpoint receives one of these types (so a caller can skip building messages). */
export function anySubscribed(subscriptions: WebhookSubscription[], ...types: string[]): boolean {
  return subscriptions.some((s) => s.eventTypes.some((t) => types.includes(t)));
}

/** What one ingested event changed, as the webhooks announce it. */
export interface IngestionFacts {
  userId: string;
  eventType: string;
  occurredAt: Date;
  outcome: EventOutcome;
  /** The learner's streak summary before the event, and the zone their days are counted in. */
  streakBefore: StreakSummary;
  zone: string;
  now: Date;
  levelUp: LevelUp | null;
}

/** The level.reached message: the level left and the one reached (by an event, an adjustment or an award). */
export function levelReachedMessage(userId: string, eventId: string | null, levelUp: LevelUp): WebhookMessage {
  return { type: "level.reached", data: { userId, eventId, from: levelUp.from, to: levelUp.to.number, level: levelUp.to } };
}

/** The webhook messages one ingested event announces (none when nobody subscribes to them). */
export function ingestionWebhookMessages(subscriptions: WebhookSubscription[], facts: IngestionFacts): WebhookMessage[] {
  if (!anySubscribed(subscriptions, "points.awarded", "achievement.unlocked", "streak.extended", "level.reached")) return [];
  const { userId, outcome, occurredAt } = facts;
  const eventId = outcome.eventId;
  const messages: WebhookMessage[] = [];
  if (outcome.pointsAwarded !== 0) {
    messages.push({
      type: "points.awarded",
      data: {
        userId,
        eventId,
        eventType: facts.eventType,
        occurredAt: occurredAt.toISOString(),
        points: outcome.pointsAwarded,
        awards: outcome.awards,
        totals: outcome.totals,
      },
    });
  }
  for (const achievement of outcome.achievementsUnlocked) {
    messages.push({
      type: "achievement.unlocked",
      data: { userId, eventId, achievement, earnedAt: occurredAt.toISOString() },
    });
  }
  if (anySubscribed(subscriptions, "streak.extended")) {
    const before = readStreak(facts.streakBefore, facts.zone, facts.now).current;
    if (outcome.streak.current > before && outcome.streak.current >= 2) {
      messages.push({
        type: "streak.extended",
        data: { userId, eventId, current: outcome.streak.current, previous: before, longest: outcome.streak.longest },
      });
    }
  }
  if (facts.levelUp) messages.push(levelReachedMessage(userId, eventId, facts.levelUp));
  return messages;
}
