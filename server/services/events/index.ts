import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AppError, zodIssues } from "@/server/errors";
import { countEvent, observeBatchSize, type EventOutcomeLabel } from "@/server/observability/metrics";
import { eventInputSchema, type EventInput } from "@/server/schemas/events";
import { inNextGroup } from "./group-commit";
import { ingestIsolatingFailures } from "./isolate-failures";
import type { BatchItemResult, Parsed, RecordResult } from "./types";

// Ingestion's public face. Below it, one way down: group-commit.ts (single events that arrive together
// share a transaction), isolate-failures.ts (a batch the database refuses is split down to the events that
// cause it), ingest.ts (that transaction), learner-store.ts and catalog.ts (what it reads and
// writes), apply-event.ts (the rules, pure) and ledger.ts (the ledger rows they write).

export type { BatchItemResult, RecordResult } from "./types";

/** Validates raw input as an event; a 400 naming every wrong field otherwise. */
export function parseEvent(raw: unknown): EventInput {
  const parsed = eventInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error.issues);
    const first = issues[0]!;
    throw new AppError("BAD_REQUEST", `Invalid event: ${first.path.join(".") || "body"} ${first.message}.`, issues);
  }
  return parsed.data;
}

/** The hash that decides "same id, same payload": canonical JSON of the validated event. */
export function payloadHash(e: EventInput): string {
  const canonical = {
    id: e.id,
    type: e.type,
    userId: e.userId,
    occurredAt: new Date(e.occurredAt).toISOString(),
    courseId: e.courseId ?? null,
    lessonId: e.lessonId ?? null,
    difficulty: e.difficulty ?? null,
    score: e.score ?? null,
    displayName: e.user?.displayName ?? null,
    timezone: e.user?.timezone ?? null,
  };
  return crypto.createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/**
 * Records one learning event and returns the outcome of API.md. The same id again returns the stored first
 * outcome; the same id with another payload is a CONFLICT; bad input is a BAD_REQUEST.
 */
export async function recordEvent(db: PrismaClient, raw: unknown, options: { now?: Date } = {}): Promise<RecordResult> {
  return recordValidEvent(db, parseEvent(raw), options);
}

/** recordEvent for input an edge has already validated with eventInputSchema (the tRPC procedure). */
export async function recordValidEvent(db: PrismaClient, event: EventInput, options: { now?: Date } = {}): Promise<RecordResult> {
  const result = await inNextGroup(db, { event, hash: payloadHash(event), now: options.now ?? new Date() }).catch((err: unknown) => {
    countEvent(event.type, "error");
    throw err;
  });
  countEvent(event.type, outcomeLabel(result));
  if (result instanceof AppError) throw result;
  return result;
}

/** An event's outcome as the metrics count it. */
const outcomeLabel = (r: RecordResult | AppError): EventOutcomeLabel =>
  r instanceof AppError ? (r.code === "CONFLICT" ? "conflict" : "error") : r.status;

/** Records events in order; an event that fails, at validation or in the database, fails alone and stores nothing. */
export async function recordEvents(db: PrismaClient, raws: unknown[], options: { now?: Date } = {}): Promise<BatchItemResult[]> {
  const now = options.now ?? new Date();
  const parsed = raws.map((raw): Parsed | AppError => {
    try {
      const event = parseEvent(raw);
      return { event, hash: payloadHash(event), now };
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
  });
  const valid = parsed.filter((p): p is Parsed => !(p instanceof AppError));
  observeBatchSize(raws.length);
  const results = await ingestIsolatingFailures(db, valid);
  let next = 0;
  return parsed.map((p, i): BatchItemResult => {
    const raw = raws[i] as { id?: unknown } | null;
    const eventId = typeof raw?.id === "string" ? raw.id : null;
    const r = p instanceof AppError ? p : results[next++]!;
    // An item that failed validation has no type the metrics can trust (any string): it counts as "invalid".
    countEvent(p instanceof AppError ? "invalid" : p.event.type, outcomeLabel(r));
    if (r instanceof AppError) {
      const error: BatchItemResult["error"] = { code: r.code, message: r.message };
      if (r.issues) error.issues = r.issues;
      return { eventId, status: "error", error };
    }
    return { eventId, status: r.status, result: r.outcome };
  });
}
