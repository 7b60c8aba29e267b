import crypto from "node:crypto";
import type { EventType } from "@/server/schemas/events";
import type { Statement } from "@/server/schemas/xapi";
import { instantOf } from "./activities";

// The identities of statements and of the events they become: the id a statement sent without one gets, the
// content hash that decides "same id, same content", and the meaning-based ids of derived events.

// UUID v5 (RFC 9562) in a few lines with node:crypto rather than a dependency for one function.
const STATEMENT_NAMESPACE = "3c4f7a52-9b1e-4d6a-8f0c-5e2d7b9a1c36";
export function uuidV5(name: string, namespace = STATEMENT_NAMESPACE): string {
  const hash = crypto
    .createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with sorted keys and without null or undefined members, so equal content serialises equally. */
function canonical(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(normalise);
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const inner = (v as Record<string, unknown>)[key];
      if (inner !== null && inner !== undefined) out[key] = normalise(inner);
    }
    return out;
  };
  return JSON.stringify(normalise(value));
}

/**
 * A statement's content as the xAPI comparison rules see it: without what an LRS may assign or change (id,
 * authority, stored, version, attachments), with the timestamp as an instant (so offsets that name the same
 * moment compare equal); key order and null-versus-absent do not matter (canonical above).
 */
function canonicalContent(raw: Record<string, unknown>, s: Statement): string {
  const rest: Record<string, unknown> = { ...raw };
  for (const key of ["id", "authority", "stored", "version", "attachments"]) delete rest[key];
  const time = instantOf(s.timestamp);
  if ("at" in time && time.at) rest.timestamp = time.at;
  return canonical(rest);
}

/**
 * The id of a statement sent without one: UUID v5 of its whole canonical content (API.md Revision 2), so a
 * re-sent batch is no duplicate, and two statements that differ anywhere (Moodle's scoreraw_submitted and
 * status_submitted for one SCO in the same second) are two statements.
 */
export function deterministicStatementId(raw: Record<string, unknown>, s: Statement): string {
  return uuidV5(canonicalContent(raw, s));
}

/** The hash that decides "same id, same content". */
export function statementContentHash(raw: Record<string, unknown>, s: Statement): string {
  return crypto.createHash("sha256").update(canonicalContent(raw, s)).digest("hex");
}

/**
 * Derived events are named by their meaning (learner + course, or learner + course + lesson), not by the
 * statement, so the same completion reported twice (completed, then passed) is one event.
 */
export function semanticEventId(type: EventType, userId: string, courseId: string, lessonId?: string): string {
  const digest = crypto
    .createHash("sha256")
    .update(JSON.stringify([userId, courseId, lessonId ?? null]))
    .digest("hex")
    .slice(0, 40);
  return `xapi:${type}:${digest}`;
}
