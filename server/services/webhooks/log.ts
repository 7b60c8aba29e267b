import type { Prisma } from "@prisma/client";
import { inTransaction, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { writeAudit, type AuditActor } from "@/server/services/audit";
import type { DeliveryStatus } from "./types";

// The delivery log: each endpoint's deliveries as the dashboard pages through them, and the replay of one.

const deliverySelect = {
  id: true,
  endpointId: true,
  webhookId: true,
  type: true,
  payload: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  createdAt: true,
  deliveredAt: true,
} satisfies Prisma.WebhookDeliverySelect;

export type DeliveryRow = Omit<Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>, "id"> & { id: string };

const toRow = (d: Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>): DeliveryRow => ({ ...d, id: d.id.toString() });

export async function getDelivery(db: Db, id: bigint): Promise<DeliveryRow> {
  const found = await db.webhookDelivery.findUnique({ where: { id }, select: deliverySelect });
  if (!found) throw new AppError("NOT_FOUND", `No webhook delivery has the id ${id}.`);
  return toRow(found);
}

/** An endpoint's deliveries, newest first, paged by the id of the last one seen. */
export async function listDeliveries(
  db: Db,
  options: { endpointId: number; status?: DeliveryStatus; limit: number; before?: string },
): Promise<{ rows: DeliveryRow[]; nextBefore: string | null }> {
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId: options.endpointId };
  if (options.status) where.status = options.status;
  if (options.before) where.id = { lt: BigInt(options.before) };
  const found = await db.webhookDelivery.findMany({ where, select: deliverySelect, orderBy: { id: "desc" }, take: options.limit + 1 });
  const rows = found.slice(0, options.limit).map(toRow);
  return { rows, nextBefore: found.length > options.limit ? rows[rows.length - 1]!.id : null };
}

/**
 * Sends a delivery again: the same message (same webhook-id, so receivers can tell it is a repeat), with a
 * fresh retry schedule. The endpoint must be enabled.
 */
export async function replayDelivery(db: Db, id: bigint, audit?: AuditActor, now = new Date()): Promise<DeliveryRow> {
  return inTransaction(db, async (tx) => {
    const found = await tx.webhookDelivery.findUnique({
      where: { id },
      select: { endpointId: true, webhookId: true, endpoint: { select: { enabled: true } } },
    });
    if (!found) throw new AppError("NOT_FOUND", `No webhook delivery has the id ${id}.`);
    if (!found.endpoint.enabled) throw new AppError("BAD_REQUEST", "Enable the endpoint before replaying its deliveries.");
    const row = await tx.webhookDelivery.update({
      where: { id },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null },
      select: deliverySelect,
    });
    if (audit)
      await writeAudit(tx, audit, {
        action: "webhook.replay",
        target: `webhook:${found.endpointId}`,
        details: { webhookId: found.webhookId },
      });
    return toRow(row);
  });
}
