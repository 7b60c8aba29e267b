import type { PrismaClient } from "@prisma/client";
import { dbFaultOf } from "@/server/db/faults";
import { toAppError, type AppError } from "@/server/errors";
import { ingest } from "./ingest";
import type { Parsed, RecordResult } from "./types";

// A batch is recorded in one transaction of a fixed handful of statements (ingest.ts). When the database
// refuses that transaction for a reason that is not a passing fault, one event or a few are the cause, and
// API.md wants only them to fail: the batch is split in halves, each recorded on its own, down to the events
// that fail alone, which become their items' errors. The others are recorded, in request order (the halves
// go one after the other); a batch the database takes costs nothing more, one with a single such event about
// 2·log2(n) transactions more. A passing fault (a lost connection, a deadlock) is no event's doing: it is
// thrown, for the request's retry or its 503.

/** ingest, with a failure of the database confined to the events that cause it. */
export async function ingestIsolatingFailures(db: PrismaClient, events: Parsed[]): Promise<(RecordResult | AppError)[]> {
  try {
    return await ingest(db, events);
  } catch (err) {
    if (dbFaultOf(err)) throw err;
    if (events.length === 1) return [toAppError(err)];
    const half = Math.ceil(events.length / 2);
    const first = await ingestIsolatingFailures(db, events.slice(0, half));
    return [...first, ...(await ingestIsolatingFailures(db, events.slice(half)))];
  }
}
