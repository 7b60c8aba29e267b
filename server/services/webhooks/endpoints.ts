import type { Prisma } from "@prisma/client";
import { inTransaction, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { writeAudit, type AuditActor } from "@/server/services/audit";
import { bumpConfigVersion } from "@/server/services/rules";
import { generateSigningSecret, newWebhookId } from "./signing";
import { checkTargetUrl } from "./target-url";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_TYPE, type DeliveryStatus } from "./types";

// The endpoints an admin manages: add, enable or disable, delete, list with delivery counts, and the test event.
// Each change bumps the config version, so ingestion reads the new subscriptions.

export interface WebhookEndpointSummary {
  id: number;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: Date;
  createdBy: string | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  deliveries: Record<DeliveryStatus, number>;
  lastDeliveryAt: Date | null;
}

const endpointSelect = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  createdAt: true,
  createdBy: true,
  disabledAt: true,
  disabledReason: true,
} satisfies Prisma.WebhookEndpointSelect;

/** Every endpoint (never its secret) with how many deliveries it has in each state. */
export async function listWebhookEndpoints(db: Db): Promise<WebhookEndpointSummary[]> {
  const [endpoints, counts, latest] = await Promise.all([
    db.webhookEndpoint.findMany({ select: endpointSelect, orderBy: { id: "asc" } }),
    db.webhookDelivery.groupBy({ by: ["endpointId", "status"], _count: { _all: true } }),
    db.webhookDelivery.groupBy({ by: ["endpointId"], _max: { lastAttemptAt: true } }),
  ]);
  return endpoints.map((e) => {
    const deliveries: Record<DeliveryStatus, number> = { pending: 0, succeeded: 0, failed: 0, disabled: 0 };
    for (const c of counts) if (c.endpointId === e.id) deliveries[c.status as DeliveryStatus] = c._count._all;
    return { ...e, deliveries, lastDeliveryAt: latest.find((l) => l.endpointId === e.id)?._max.lastAttemptAt ?? null };
  });
}

export async function getWebhookEndpoint(db: Db, id: number): Promise<WebhookEndpointSummary> {
  const found = (await listWebhookEndpoints(db)).find((e) => e.id === id);
  if (!found) throw new AppError("NOT_FOUND", `No webhook endpoint has the id ${id}.`);
  return found;
}

export interface CreateEndpointInput {
  url: string;
  description?: string;
  eventTypes: string[];
}

/** Adds an endpoint and returns it with its signing secret: the only time the secret is returned. */
export async function createWebhookEndpoint(
  db: Db,
  input: CreateEndpointInput,
  audit?: AuditActor,
  options: { allowPrivate?: boolean } = {},
): Promise<WebhookEndpointSummary & { secret: string }> {
  const url = await checkTargetUrl(input.url.trim(), options);
  const eventTypes = [...new Set(input.eventTypes)];
  const unknown = eventTypes.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
  if (eventTypes.length === 0 || unknown.length > 0) {
    const message = eventTypes.length === 0 ? "must name at least one event type" : `unknown event type ${unknown.join(", ")}`;
    throw new AppError("BAD_REQUEST", `Invalid eventTypes: ${message}.`, [{ path: ["eventTypes"], message }]);
  }
  const secret = generateSigningSecret();
  const created = await inTransaction(db, async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { url: url.toString(), description: input.description?.trim() ?? "", eventTypes, secret, createdBy: audit?.actor ?? null },
      select: endpointSelect,
    });
    await bumpConfigVersion(tx);
    if (audit)
      await writeAudit(tx, audit, { action: "webhook.create", target: `webhook:${row.id}`, details: { url: row.url, eventTypes } });
    return row;
  });
  return { ...created, deliveries: { pending: 0, succeeded: 0, failed: 0, disabled: 0 }, lastDeliveryAt: null, secret };
}

/**
 * Enables or disables an endpoint. Disabling stops its pending deliveries (status `disabled`; they can be
 * replayed); enabling sends what changes afterwards.
 */
export async function setWebhookEndpointEnabled(db: Db, id: number, enabled: boolean, audit?: AuditActor, reason?: string) {
  await inTransaction(db, async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { id }, select: { enabled: true } });
    if (!existing) throw new AppError("NOT_FOUND", `No webhook endpoint has the id ${id}.`);
    if (existing.enabled === enabled) return;
    await tx.webhookEndpoint.update({
      where: { id },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null }
        : { enabled: false, disabledAt: new Date(), disabledReason: reason ?? (audit ? `Disabled by ${audit.actor}` : "Disabled") },
    });
    if (!enabled) await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "pending" }, data: { status: "disabled" } });
    await bumpConfigVersion(tx);
    if (audit) await writeAudit(tx, audit, { action: enabled ? "webhook.enable" : "webhook.disable", target: `webhook:${id}` });
  });
  return getWebhookEndpoint(db, id);
}

/** Deletes an endpoint and its delivery log. */
export async function deleteWebhookEndpoint(db: Db, id: number, audit?: AuditActor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!existing) throw new AppError("NOT_FOUND", `No webhook endpoint has the id ${id}.`);
    await tx.webhookEndpoint.delete({ where: { id } });
    await bumpConfigVersion(tx);
    if (audit) await writeAudit(tx, audit, { action: "webhook.delete", target: `webhook:${id}`, details: { url: existing.url } });
  });
}

/** Queues a `webhook.test` message to one endpoint (enabled or not) and returns its delivery id. */
export async function enqueueTestDelivery(db: Db, endpointId: number, now = new Date()): Promise<bigint> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", `No webhook endpoint has the id ${endpointId}.`);
  const row = await db.webhookDelivery.create({
    data: {
      endpointId,
      webhookId: newWebhookId(),
      type: WEBHOOK_TEST_TYPE,
      payload: {
        type: WEBHOOK_TEST_TYPE,
        timestamp: now.toISOString(),
        data: { endpointId, message: "A test event from the gamification service: the signature and your endpoint work." },
      },
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  return row.id;
}
