import { WEBHOOK_EVENT_TYPE_VALUES } from "@/server/schemas/webhooks";

// The names every room of the webhooks folder shares; kept at the bottom so the rooms never import each other
// in a loop.

export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_TYPE_VALUES;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent by "Send test event" to one endpoint, whatever it subscribes to. */
export const WEBHOOK_TEST_TYPE = "webhook.test";

export type DeliveryStatus = "pending" | "succeeded" | "failed" | "disabled";
