import type { PrismaClient } from "@prisma/client";
import { driverOf } from "@/server/db";
import { AppError, zodIssues, type Issue } from "@/server/errors";
import { countXapiStatement } from "@/server/observability/metrics";
import { statementSchema, uuidSchema, type Statement, type XapiReason } from "@/server/schemas/xapi";
import { recordEvent } from "@/server/services/events";
import type { MappingVersion } from "@/server/schemas/xapi-mapping";
import { instantOf } from "./activities";
import { mapStatement, type DerivedEvent, type Mapping } from "./mapping";
import { getMappingInForce } from "./mapping-versions";
import { deterministicStatementId, statementContentHash } from "./statement-id";

// xAPI statements in (API.md, "xAPI statements"): a subset of an LRS's statement resource, so that LMS
// emitters (Moodle's logstore_xapi, Open edX's event-routing-backends, cmi5 players) can point at us
// unchanged. Each statement is validated, stored as sent, and mapped (mapping.ts, under the mapping version in force)
// to at most one event, recorded through recordEvent like any other; the statement keeps the event it became or
// the reason it was ignored, and the mapping version and rule that decided it.

export interface StatementOutcome {
  id: string;
  /** `unchanged`: a statement already received with the same content. */
  status: "applied" | "ignored" | "unchanged";
  reason?: XapiReason;
  detail?: string;
  eventId?: string;
}

interface Parsed {
  raw: Record<string, unknown>;
  statement: Statement;
  id: string;
  hash: string;
  /** Its place in the request. */
  index: number;
  /** A statement sent without id whose content repeats an earlier one of the request: the same statement. */
  repeat?: boolean;
}

function badRequest(message: string, issues: Issue[]): never {
  throw new AppError("BAD_REQUEST", message, issues);
}

/** Validates a request body (one statement or an array) into statements with their ids; 400 naming the path. */
export function parseStatements(body: unknown, options: { statementId?: string } = {}): Parsed[] {
  const put = options.statementId !== undefined;
  const single = !Array.isArray(body);
  if (put && !single) badRequest("PUT takes one statement, not an array.", [{ path: [], message: "must be one statement" }]);
  if (put && !uuidSchema.safeParse(options.statementId).success) {
    badRequest("Invalid statementId: must be a UUID.", [{ path: ["statementId"], message: "must be a UUID" }]);
  }
  const items: unknown[] = single ? [body] : (body as unknown[]);
  const issues: Issue[] = [];
  const parsed: Parsed[] = [];
  items.forEach((item, index) => {
    const at = (path: (string | number)[]) => (single ? path : [index, ...path]);
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      issues.push({ path: at([]), message: "must be a statement object" });
      return;
    }
    const result = statementSchema.safeParse(item);
    if (!result.success) {
      issues.push(...zodIssues(result.error.issues).map((i) => ({ ...i, path: at(i.path) })));
      return;
    }
    const raw = item as Record<string, unknown>;
    const statement = result.data;
    if (put && statement.id && statement.id.toLowerCase() !== options.statementId!.toLowerCase()) {
      issues.push({ path: at(["id"]), message: "must match the statementId parameter" });
      return;
    }
    const id = (options.statementId ?? statement.id ?? deterministicStatementId(raw, statement)).toLowerCase();
    parsed.push({ raw, statement, id, hash: statementContentHash(raw, statement), index });
  });
  const seen = new Map<string, Parsed>();
  for (const p of parsed) {
    const first = seen.get(p.id);
    if (!first) seen.set(p.id, p);
    // Sent twice without id, a statement derives its id twice: it is one statement, not a repeated id.
    else if (p.statement.id === undefined && first.statement.id === undefined) p.repeat = true;
    else issues.push({ path: [p.index, "id"], message: `repeats the id of statement ${first.index} in this batch` });
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    badRequest(`Invalid statement: ${first.path.join(".") || "body"} ${first.message}.`, issues);
  }
  return parsed;
}

/**
 * Receives statements (POST: one or an array; PUT: one, with `statementId`). All are validated and checked for
 * conflicts before any is applied; then each is applied in request order. A known id with the same content
 * changes nothing; with other content the request is a CONFLICT.
 */
export async function receiveStatements(
  db: PrismaClient,
  body: unknown,
  options: { statementId?: string; now?: Date } = {},
): Promise<{ ids: string[]; outcomes: StatementOutcome[] }> {
  const parsed = parseStatements(body, options);
  const now = options.now ?? new Date();
  const mapping = await getMappingInForce(db);
  const sql = driverOf(db);
  const known = new Map(
    parsed.length === 0
      ? []
      : (
          await sql.query<{ id: string; content_hash: string }>(
            `SELECT id, content_hash FROM xapi_statement WHERE id = ANY(string_to_array($1, ','))`,
            [parsed.map((p) => p.id).join(",")],
          )
        ).map((r) => [r.id, r.content_hash]),
  );
  const conflict = parsed.find((p) => known.has(p.id) && known.get(p.id) !== p.hash);
  if (conflict) throw new AppError("CONFLICT", `Statement ${conflict.id} was already received with other content.`);

  const outcomes: StatementOutcome[] = [];
  for (const p of parsed) {
    if (known.has(p.id) || p.repeat) {
      outcomes.push({ id: p.id, status: "unchanged" });
      continue;
    }
    outcomes.push(await applyStatement(db, p, mapping, now));
  }
  for (const o of outcomes) countXapiStatement(o.status, o.reason);
  return { ids: parsed.map((p) => p.id), outcomes };
}

async function applyStatement(db: PrismaClient, p: Parsed, mapping: MappingVersion, now: Date): Promise<StatementOutcome> {
  const decided: Mapping = mapStatement(p.statement, p.id, now, mapping.rules);
  const outcome: StatementOutcome =
    decided.kind === "ignored"
      ? { id: p.id, status: "ignored", reason: decided.reason, ...(decided.detail ? { detail: decided.detail } : {}) }
      : await recordDerivedEvent(db, p.id, decided.event, now);
  const event = decided.kind === "event" ? decided.event : undefined;
  const sql = driverOf(db);
  const s = p.statement;
  const time = instantOf(s.timestamp);
  const inserted = await sql.query(
    `INSERT INTO xapi_statement (id, user_id, verb, object_id, occurred_at, raw, content_hash, status, reason, detail, event_id, received_at,
                                 mapping_version, mapping_rule, course_title, lesson_title)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb, $7, $8, $9, $10, $11, $12::timestamptz, $13, $14::jsonb, $15, $16)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      p.id,
      s.actor.objectType === "Group" ? null : (s.actor.account?.name ?? null),
      s.verb.id,
      s.object.id ?? null,
      "at" in time ? time.at : null,
      JSON.stringify({ ...p.raw, id: p.id }),
      p.hash,
      outcome.status,
      outcome.reason ?? null,
      outcome.detail ?? null,
      outcome.eventId ?? null,
      now.toISOString(),
      mapping.version,
      decided.rule ? JSON.stringify(decided.rule) : null,
      event?.courseTitle ?? null,
      event?.lessonTitle ?? null,
    ],
  );
  if (inserted.length === 0) {
    // Received concurrently by another request: the same content is that statement; other content conflicts.
    const [row] = await sql.query<{ content_hash: string }>(`SELECT content_hash FROM xapi_statement WHERE id = $1`, [p.id]);
    if (row && row.content_hash !== p.hash) throw new AppError("CONFLICT", `Statement ${p.id} was already received with other content.`);
    return { id: p.id, status: "unchanged" };
  }
  return outcome;
}

/** Records a derived event; an event whose id exists already is skipped (never a 409): the first report wins. */
async function recordDerivedEvent(db: PrismaClient, statementId: string, event: DerivedEvent, now: Date): Promise<StatementOutcome> {
  try {
    const result = await recordEvent(db, event, { now });
    if (result.status === "created") return { id: statementId, status: "applied", eventId: event.id };
    // The same event again. If no statement was stored as applying it (a crash between the event and the
    // statement), this statement is the one that applied it.
    const [applied] = await driverOf(db).query(`SELECT 1 FROM xapi_statement WHERE event_id = $1 AND status = 'applied' LIMIT 1`, [
      event.id,
    ]);
    if (!applied) return { id: statementId, status: "applied", eventId: event.id };
    return { id: statementId, status: "ignored", reason: "event-exists", eventId: event.id };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "CONFLICT") return { id: statementId, status: "ignored", reason: "event-exists", eventId: event.id };
    if (err.code === "BAD_REQUEST") return { id: statementId, status: "ignored", reason: "invalid-event", detail: err.message };
    throw err;
  }
}
