// Outgoing webhooks (Standard Webhooks), the public face of the folder: endpoints, the outbox written in the
// transaction of each change, the delivery that signs and sends it with retries, and the delivery log.
// Ingestion imports ./outbox directly, so the event path never loads endpoint management or HTTP.

export { anySubscribed, enqueueWebhooks, ingestionWebhookMessages, type IngestionFacts, type WebhookMessage } from "./outbox";
export { checkTargetUrl, isPrivateAddress, privateTargetsAllowed } from "./target-url";
export { generateSigningSecret } from "./signing";
export { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_TYPE, type DeliveryStatus, type WebhookEventType } from "./types";
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enqueueTestDelivery,
  getWebhookEndpoint,
  listWebhookEndpoints,
  setWebhookEndpointEnabled,
  type CreateEndpointInput,
  type WebhookEndpointSummary,
} from "./endpoints";
export {
  deliverDueWebhooks,
  deliverNow,
  drainWebhooks,
  MAX_ATTEMPTS,
  parseRetryAfter,
  pendingSummary,
  RETRY_DELAYS_MS,
  retryDelay,
  type DeliverOptions,
  type DeliveryRunResult,
} from "./delivery";
export { getDelivery, listDeliveries, replayDelivery, type DeliveryRow } from "./log";
