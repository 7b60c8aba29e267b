import crypto from "node:crypto";
import dns from "node:dns/promises";
import net from "node:net";
import type { Prisma, PrismaClient } from "@prisma/client";
import { Webhook } from "standardwebhooks";
import type { Db, Sql } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import type { EventOutcome } from "@/server/schemas/events";
import { WEBHOOK_EVENT_TYPE_VALUES } from "@/server/schemas/webhooks";
import { writeAudit, type AuditActor } from "./audit";
import { bumpConfigVersion, type WebhookSubscription } from "./rules";
import { readStreak, type StreakSummary } from "./streaks";

// Outgoing webhooks (Standard Webhooks): endpoints, the outbox written in the transaction of each change,
// and the delivery that signs and sends it with retries. The delivery is the same code whether Inngest, the
// CLI (`webhooks:drain`) or the dashboard's "Run now" calls it.

export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_TYPE_VALUES;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent by "Send test event" to one endpoint, whatever it subscribes to. */
export const WEBHOOK_TEST_TYPE = "webhook.test";

/** Waits before each retry: the first attempt is immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A receiver's retry-after is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
/** How long a claimed delivery is reserved for the worker sending it (longer than the request timeout). */
const CLAIM_LEASE_MS = 120_000;
const REQUEST_TIMEOUT_MS = 15_000;
const SEND_CONCURRENCY = 8;

export type DeliveryStatus = "pending" | "succeeded" | "failed" | "disabled";

export interface WebhookMessage {
  type: string;
  data: Record<string, unknown>;
}

// --- Endpoint URLs: no private or loopback targets (SSRF) unless WEBHOOK_ALLOW_PRIVATE=true

// The ranges a public webhook must not reach: loopback, private, link-local, carrier-grade NAT,
// documentation, benchmarking, multicast and reserved (IANA special-purpose registries).
const privateRanges = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  privateRanges.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [
  ["::", 128], ["::1", 128], ["64:ff9b:1::", 48], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) {
  privateRanges.addSubnet(address, prefix, "ipv6");
}

/** True for an address a public webhook must not reach (IPv4-mapped IPv6 is judged as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = net.isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function privateTargetsAllowed(): boolean {
  return env().WEBHOOK_ALLOW_PRIVATE === true;
}

const badUrl = (message: string) => new AppError("BAD_REQUEST", `Invalid url: ${message}.`, [{ path: ["url"], message }]);

/**
 * Checks an endpoint URL: http(s), no credentials, and (unless private targets are allowed) a host whose
 * every address is public. Also called before each send, since a name can be re-pointed after creation.
 */
export async function checkTargetUrl(raw: string, options: { allowPrivate?: boolean } = {}): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badUrl("must be an absolute http or https URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw badUrl("must be an http or https URL");
  if (url.username || url.password) throw badUrl("must not hold a user name or password");
  if (options.allowPrivate ?? privateTargetsAllowed()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw badUrl(`the host ${host} could not be resolved`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw badUrl(`${host} is a private or loopback address (set WEBHOOK_ALLOW_PRIVATE=true to allow it)`);
  }
  return url;
}

// --- Endpoints

/** A new signing secret in the Standard Webhooks format: whsec_ + base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

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

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return "$transaction" in db ? (db as PrismaClient).$transaction((tx) => work(tx)) : work(db);
}

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
    if (audit) await writeAudit(tx, audit, { action: "webhook.create", target: `webhook:${row.id}`, details: { url: row.url, eventTypes } });
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

// --- The outbox

function newWebhookId(): string {
  return `msg_${crypto.randomUUID().replace(/-/g, "")}`;
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
      .map((s) => ({ endpoint_id: s.endpointId, webhook_id: newWebhookId(), type: m.type, payload: { type: m.type, timestamp, data: m.data } })),
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
}

/** The webhook messages one ingested event announces (none when nobody subscribes to them). */
export function ingestionWebhookMessages(subscriptions: WebhookSubscription[], facts: IngestionFacts): WebhookMessage[] {
  if (!anySubscribed(subscriptions, "points.awarded", "achievement.unlocked", "streak.extended")) return [];
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
  return messages;
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

// --- Delivery

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
      if (outcome !== "skipped") result.attempted += 1;
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
    const sentAt = new Date();
    const signature = new Webhook(endpoint.secret).sign(delivery.webhook_id, sentAt, body);
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "gamify-webhooks/1.0",
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
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

// --- The delivery log

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
    const found = await tx.webhookDelivery.findUnique({ where: { id }, select: { endpointId: true, webhookId: true, endpoint: { select: { enabled: true } } } });
    if (!found) throw new AppError("NOT_FOUND", `No webhook delivery has the id ${id}.`);
    if (!found.endpoint.enabled) throw new AppError("BAD_REQUEST", "Enable the endpoint before replaying its deliveries.");
    const row = await tx.webhookDelivery.update({
      where: { id },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null },
      select: deliverySelect,
    });
    if (audit) await writeAudit(tx, audit, { action: "webhook.replay", target: `webhook:${found.endpointId}`, details: { webhookId: found.webhookId } });
    return toRow(row);
  });
}
