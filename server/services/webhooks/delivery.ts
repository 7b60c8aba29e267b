import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { countWebhookDelivery } from "@/server/observability/metrics";
import { setWebhookEndpointEnabled } from "./endpoints";
import { getDelivery } from "./log";
import { signedHeaders } from "./signing";
import { checkTargetUrl } from "./target-url";
import { WEBHOOK_TEST_TYPE } from "./types";

// The delivery engine: claims the due deliveries of the outbox, signs and sends them, and schedules retries.
// It is the same code whether Inngest, the CLI (`webhooks:drain`) or the dashboard's "Run now" calls it.

/** Waits before each retry: the first attempt is immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A receiver's retry-after is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
/** How long a claimed delivery is reserved for the worker sending it (longer than the request timeout). */
const CLAIM_LEASE_MS = 120_000;
const REQUEST_TIMEOUT_MS = 15_000;
const SEND_CONCURRENCY = 8;

interface ClaimedDelivery {
  id: string;
  endpoint_id: number;
  webhook_id: string;
  type: string;
  payload: { type: string; timestamp: string; data: unknown };
  attempts: number;
}

export interface DeliveryRunResult {
  attempted: number;
  succeeded: number;
  retrying: number;
  failed: number;
  disabled: number;
}

export interface DeliverOptions {
  /** The instant deliveries are due against and retries are scheduled from (tests move it forward). */
  now?: Date;
  limit?: number;
  /** Only these deliveries, due or not (the dashboard's "send test event"). */
  deliveryIds?: bigint[];
  allowPrivate?: boolean;
}

/** retry-after as a delay: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The wait before the next attempt after `attempts` failed ones: the schedule, or longer if the receiver asks. */
export function retryDelay(attempts: number, retryAfterMs: number | null): number {
  const scheduled = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0];
  return Math.max(scheduled, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/**
 * Sends every due pending delivery (or the given ones), signed per Standard Webhooks. 2xx: succeeded.
 * 410 Gone: the endpoint is disabled with its pending deliveries. Anything else (or no answer): retried on the
 * schedule, honouring retry-after, until the last attempt fails. Deliveries are claimed with a lease
 * (FOR UPDATE SKIP LOCKED), so concurrent runners (Inngest, the CLI, "Run now") never send one twice at once.
 */
export async function deliverDueWebhooks(db: PrismaClient, options: DeliverOptions = {}): Promise<DeliveryRunResult> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 100;
  const ids = options.deliveryIds ? options.deliveryIds.map(String).join(",") : null;
  const claimed = await db.$queryRawUnsafe<ClaimedDelivery[]>(
    `WITH due AS (
       SELECT id FROM webhook_delivery
       WHERE status = 'pending' AND ${ids ? "id = ANY(string_to_array($3, ',')::bigint[])" : "next_attempt_at <= $1::timestamptz"}
       ORDER BY next_attempt_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE webhook_delivery d SET next_attempt_at = $1::timestamptz + make_interval(secs => ${CLAIM_LEASE_MS / 1000})
     FROM due WHERE d.id = due.id
     RETURNING d.id::text AS id, d.endpoint_id, d.webhook_id, d.type, d.payload, d.attempts`,
    now,
    limit,
    ...(ids ? [ids] : []),
  );
  const result: DeliveryRunResult = { attempted: 0, succeeded: 0, retrying: 0, failed: 0, disabled: 0 };
  if (claimed.length === 0) return result;
  const endpoints = new Map(
    (
      await db.webhookEndpoint.findMany({
        where: { id: { in: [...new Set(claimed.map((c) => c.endpoint_id))] } },
        select: { id: true, url: true, secret: true, enabled: true },
      })
    ).map((e) => [e.id, e]),
  );

  const queue = claimed.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outcome = await attempt(db, next, endpoints.get(next.endpoint_id), now, options);
      if (outcome !== "skipped") {
        result.attempted += 1;
        countWebhookDelivery(outcome);
      }
      if (outcome === "succeeded") result.succeeded += 1;
      else if (outcome === "retrying") result.retrying += 1;
      else if (outcome === "failed") result.failed += 1;
      else result.disabled += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, worker));
  return result;
}

type AttemptOutcome = "succeeded" | "retrying" | "failed" | "disabled" | "skipped";

async function attempt(
  db: PrismaClient,
  delivery: ClaimedDelivery,
  endpoint: { id: number; url: string; secret: string; enabled: boolean } | undefined,
  now: Date,
  options: DeliverOptions,
): Promise<Exclude<AttemptOutcome, "skipped"> | "skipped"> {
  const id = BigInt(delivery.id);
  // The test event is sent even to a disabled endpoint (an admin may check it before enabling it again).
  if (!endpoint || (!endpoint.enabled && delivery.type !== WEBHOOK_TEST_TYPE)) {
    await db.webhookDelivery.update({ where: { id }, data: { status: "disabled", nextAttemptAt: now } });
    return "skipped";
  }
  // The body's key order is fixed here (jsonb does not keep it); it is the same on every attempt.
  const body = JSON.stringify({ type: delivery.payload.type, timestamp: delivery.payload.timestamp, data: delivery.payload.data });
  const attempts = delivery.attempts + 1;
  let status: number | null = null;
  let error: string | null = null;
  let retryAfterMs: number | null = null;
  try {
    await checkTargetUrl(endpoint.url, { allowPrivate: options.allowPrivate });
    // Signed at the moment of sending: receivers reject timestamps more than 5 minutes off.
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: signedHeaders(endpoint.secret, delivery.webhook_id, new Date(), body),
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    const text = await response.text().catch(() => "");
    if (!response.ok) {
      error = `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`;
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
    }
  } catch (err) {
    error = err instanceof AppError ? err.message : `No answer: ${(err as Error).message}`.slice(0, 300);
  }

  const base = { attempts, lastAttemptAt: now, lastStatusCode: status, lastError: error };
  if (status !== null && status >= 200 && status < 300) {
    await db.webhookDelivery.update({ where: { id }, data: { ...base, status: "succeeded", deliveredAt: now, nextAttemptAt: now } });
    return "succeeded";
  }
  if (status === 410) {
    // The receiver says the endpoint is gone for good: stop sending to it.
    await db.$transaction(async (tx) => {
      await tx.webhookDelivery.update({ where: { id }, data: { ...base, status: "disabled", nextAttemptAt: now } });
      await setWebhookEndpointEnabled(tx, endpoint.id, false, undefined, "The receiver answered 410 Gone");
    });
    return "disabled";
  }
  if (attempts >= MAX_ATTEMPTS) {
    await db.webhookDelivery.update({ where: { id }, data: { ...base, status: "failed", nextAttemptAt: now } });
    return "failed";
  }
  const nextAttemptAt = new Date(now.getTime() + retryDelay(attempts, retryAfterMs));
  await db.webhookDelivery.update({ where: { id }, data: { ...base, nextAttemptAt } });
  return "retrying";
}

/** Sends one delivery now, whatever its schedule (the dashboard's "send test event"). */
export async function deliverNow(db: PrismaClient, deliveryId: bigint, options: Omit<DeliverOptions, "deliveryIds"> = {}) {
  await deliverDueWebhooks(db, { ...options, deliveryIds: [deliveryId] });
  return getDelivery(db, deliveryId);
}

/** Sends the due deliveries until none is left due now; for the CLI. */
export async function drainWebhooks(db: PrismaClient, options: { now?: Date; onBatch?: (r: DeliveryRunResult) => void } = {}) {
  const total: DeliveryRunResult = { attempted: 0, succeeded: 0, retrying: 0, failed: 0, disabled: 0 };
  for (let round = 0; round < 1000; round++) {
    const r = await deliverDueWebhooks(db, { now: options.now });
    if (r.attempted === 0 && r.disabled === 0) break;
    options.onBatch?.(r);
    for (const k of Object.keys(total) as (keyof DeliveryRunResult)[]) total[k] += r[k];
  }
  return { ...total, ...(await pendingSummary(db)) };
}

/** How many deliveries wait, and when the next one is due. */
export async function pendingSummary(db: Db): Promise<{ pending: number; nextAttemptAt: Date | null }> {
  const agg = await db.webhookDelivery.aggregate({ where: { status: "pending" }, _count: { _all: true }, _min: { nextAttemptAt: true } });
  return { pending: agg._count._all, nextAttemptAt: agg._min.nextAttemptAt };
}
