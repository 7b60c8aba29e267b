import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

// The Standard Webhooks identities: an endpoint's signing secret, a message's id, and the signed headers.

/** A new signing secret in the Standard Webhooks format: whsec_ + base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

/** A message id (webhook-id): the same on every attempt and replay, so receivers can drop repeats. */
export function newWebhookId(): string {
  return `msg_${crypto.randomUUID().replace(/-/g, "")}`;
}

/** The headers of one attempt, signed over the exact body sent. */
export function signedHeaders(secret: string, webhookId: string, sentAt: Date, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "gamify-webhooks/1.0",
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(webhookId, sentAt, body),
  };
}
