import { z } from "zod";
import { freeText, lineText } from "./text";

// Inputs and outputs of the dashboard's webhook procedures (admin.webhooks.*). Forms validate with the same schemas.

export const WEBHOOK_EVENT_TYPE_VALUES = [
  "achievement.unlocked",
  "points.awarded",
  "streak.extended",
  "streak.lost",
  "leaderboard.period_closed",
  "learner.erased",
  "level.reached",
  "streak.at_risk",
] as const;

export const WEBHOOK_EVENT_TYPE_TEXT: Record<(typeof WEBHOOK_EVENT_TYPE_VALUES)[number], string> = {
  "achievement.unlocked": "A learner earned an achievement",
  "points.awarded": "An event earned a learner points",
  "streak.extended": "A learner's current streak grew",
  "streak.lost": "The daily check found a streak ended",
  "leaderboard.period_closed": "A week or month was closed, with its final top 10",
  "learner.erased": "A learner and all their data were erased",
  "level.reached": "A learner reached a higher level",
  "streak.at_risk": "A learner's streak ends tonight unless they are active (sent once a day at the chosen hour)",
};

export const DELIVERY_STATUS_VALUES = ["pending", "succeeded", "failed", "disabled"] as const;

export const createEndpointInput = z.object({
  url: lineText()
    .trim()
    .min(1, { message: "is required" })
    .max(2000, { message: "must be at most 2000 characters" })
    .url({ message: "must be an http or https URL" }),
  description: freeText().trim().max(200, { message: "must be at most 200 characters" }).optional(),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPE_VALUES), { message: "must be a list of event types" })
    .min(1, { message: "choose at least one event type" }),
});

export const endpointRefInput = z.object({ id: z.number().int().positive() });
export const setEndpointEnabledInput = endpointRefInput.extend({ enabled: z.boolean() });

export const endpointSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
  disabledAt: z.date().nullable(),
  disabledReason: z.string().nullable(),
  deliveries: z.object({ pending: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), disabled: z.number().int() }),
  lastDeliveryAt: z.date().nullable(),
});
/** The only answer that holds the signing secret. */
export const createdEndpointSchema = endpointSchema.extend({ secret: z.string() });

export const deliverySchema = z.object({
  id: z.string(),
  endpointId: z.number().int(),
  webhookId: z.string(),
  type: z.string(),
  payload: z.unknown(),
  status: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
});

export const deliveriesInput = z.object({
  endpointId: z.number().int().positive(),
  status: z.enum(DELIVERY_STATUS_VALUES).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  before: z.string().regex(/^\d+$/, { message: "must be a delivery id" }).optional(),
});
export const deliveriesOutput = z.object({ rows: z.array(deliverySchema), nextBefore: z.string().nullable() });
export const deliveryRefInput = z.object({ id: z.string().regex(/^\d+$/, { message: "must be a delivery id" }) });
export const pendingSummarySchema = z.object({ pending: z.number().int(), nextAttemptAt: z.date().nullable() });
