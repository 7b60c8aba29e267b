import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { driverOf, type Db } from "@/server/db";
import { AppError, zodIssues, type Issue } from "@/server/errors";
import type { EventType } from "@/server/schemas/events";
import { statementSchema, uuidSchema, type Statement, type XapiReason } from "@/server/schemas/xapi";

export { XAPI_REASON_TEXT } from "@/server/schemas/xapi";
import { recordEvent } from "./events";

// xAPI statements in (API.md, "xAPI statements"): a subset of an LRS's statement resource, so that LMS
// emitters (Moodle's logstore_xapi, Open edX's event-routing-backends, cmi5 players) can point at us
// unchanged. Each statement is validated, stored as sent, and mapped to at most one event, recorded through
// recordEvent like any other; the statement keeps the event it became or the reason it was ignored.

// --- Vocabulary: verbs and activity types by their published IRIs

const ADL = "http://adlnet.gov/expapi/verbs/";
export const VERBS = {
  completed: `${ADL}completed`,
  passed: `${ADL}passed`,
  mastered: `${ADL}mastered`,
  satisfied: "https://w3id.org/xapi/adl/verbs/satisfied",
  progressed: `${ADL}progressed`,
  registered: `${ADL}registered`,
  launched: `${ADL}launched`,
  initialized: `${ADL}initialized`,
  enrolled: "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/enrolled",
  login: "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login",
  loggedIn: "https://w3id.org/xapi/adl/verbs/logged-in",
  voided: `${ADL}voided`,
} as const;

/**
 * IRIs that Moodle's logstore_xapi 4.x sends (and 5.x in its JISC mode) for the same meanings, so that sites not
 * yet on the EDLM profile work too: its login verb, and its course activity type.
 */
export const MOODLE_4_LOGIN_VERBS = ["https://brindlewaye.com/xAPITerms/verbs/loggedin", "https://brindlewaye.com/xAPITerms/verbs/loggedin/"];
export const MOODLE_4_COURSE_TYPE = "http://id.tincanapi.com/activitytype/lms/course";

const COMPLETION_VERBS = new Set<string>([VERBS.completed, VERBS.passed, VERBS.mastered, VERBS.satisfied]);
const START_VERBS = new Set<string>([VERBS.registered, VERBS.enrolled, VERBS.launched, VERBS.initialized]);
const LOGIN_VERBS = new Set<string>([VERBS.login, VERBS.loggedIn, ...MOODLE_4_LOGIN_VERBS]);

export const COURSE_TYPES = new Set<string>([
  "http://adlnet.gov/expapi/activities/course",
  "https://w3id.org/xapi/cmi5/activitytype/course",
  MOODLE_4_COURSE_TYPE,
]);

// --- Ids and content

// UUID v5 (RFC 9562) in a few lines with node:crypto rather than a dependency for one function.
const STATEMENT_NAMESPACE = "3c4f7a52-9b1e-4d6a-8f0c-5e2d7b9a1c36";
export function uuidV5(name: string, namespace = STATEMENT_NAMESPACE): string {
  const hash = crypto.createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
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

const instant = (timestamp: string | undefined) => (timestamp ? new Date(timestamp).toISOString() : null);

/** Who the actor is, without what may vary between reports of one statement (its display name). */
function actorIdentity(actor: Statement["actor"]): unknown {
  const pick = (a: Record<string, unknown>) => ({
    objectType: a.objectType ?? "Agent",
    mbox: typeof a.mbox === "string" ? a.mbox.toLowerCase() : undefined,
    mbox_sha1sum: a.mbox_sha1sum,
    openid: a.openid,
    account: a.account ? { homePage: (a.account as Record<string, unknown>).homePage, name: (a.account as Record<string, unknown>).name } : undefined,
  });
  const members = (actor.member ?? []).map((m) => canonical(pick(m))).sort();
  return { ...pick(actor), member: members.length ? members : undefined };
}

/** The id of a statement sent without one: UUID v5 of its actor, verb, object and timestamp. */
export function deterministicStatementId(s: Statement): string {
  return uuidV5(
    canonical({
      actor: actorIdentity(s.actor),
      verb: s.verb.id,
      object: s.object.id ?? canonical(s.object),
      timestamp: instant(s.timestamp),
    }),
  );
}

/**
 * The hash that decides "same id, same content", following the xAPI comparison rules: what an LRS may assign
 * (id, authority, stored, version, attachments) is ignored, the timestamp is compared as an instant, and member
 * order and null-versus-absent do not matter.
 */
export function statementContentHash(raw: Record<string, unknown>, s: Statement): string {
  const rest: Record<string, unknown> = { ...raw };
  for (const key of ["id", "authority", "stored", "version", "attachments"]) delete rest[key];
  rest.timestamp = instant(s.timestamp);
  return crypto.createHash("sha256").update(canonical(rest)).digest("hex");
}

// --- Mapping

export interface DerivedEvent {
  id: string;
  type: EventType;
  userId: string;
  occurredAt: string;
  courseId?: string;
  lessonId?: string;
  score?: number;
  user?: { displayName: string };
}

export type Mapping = { kind: "event"; event: DerivedEvent } | { kind: "ignored"; reason: XapiReason; detail?: string };

const isCourse = (a: { definition?: { type?: string } } | undefined) => COURSE_TYPES.has(a?.definition?.type ?? "");

/** The course a statement is about: a course-typed object, else the first course-typed parent, then grouping. */
export function resolveCourse(s: Statement): string | null {
  const o = s.object;
  if ((o.objectType ?? "Activity") === "Activity" && isCourse(o)) return o.id!;
  const ctx = s.context?.contextActivities;
  return (ctx?.parent ?? []).find(isCourse)?.id ?? (ctx?.grouping ?? []).find(isCourse)?.id ?? null;
}

/** result.score.scaled x 100, else raw/max x 100, rounded and kept within 0-100. */
export function scoreOf(s: Statement): number | undefined {
  const score = s.result?.score;
  if (!score) return undefined;
  let value: number | undefined;
  if (score.scaled !== undefined) value = score.scaled * 100;
  else if (score.raw !== undefined && score.max !== undefined && score.max > 0) value = (score.raw / score.max) * 100;
  return value === undefined ? undefined : Math.min(100, Math.max(0, Math.round(value)));
}

/**
 * Derived events are named by their meaning (learner + course, or learner + course + lesson), not by the
 * statement, so the same completion reported twice (completed, then passed) is one event.
 */
export function semanticEventId(type: EventType, userId: string, courseId: string, lessonId?: string): string {
  const digest = crypto.createHash("sha256").update(JSON.stringify([userId, courseId, lessonId ?? null])).digest("hex").slice(0, 40);
  return `xapi:${type}:${digest}`;
}

/** What a valid statement means here: one event, or the reason it means nothing. */
export function mapStatement(s: Statement, statementId: string, receivedAt: Date): Mapping {
  const verb = s.verb.id;
  if (verb === VERBS.voided) return { kind: "ignored", reason: "voiding" };
  if (s.actor.objectType === "Group") return { kind: "ignored", reason: "group-actor" };
  const userId = s.actor.account?.name;
  if (!userId) return { kind: "ignored", reason: "no-learner" };

  const isCompletion = COMPLETION_VERBS.has(verb);
  const isProgress = verb === VERBS.progressed;
  const isStart = START_VERBS.has(verb);
  const isLogin = LOGIN_VERBS.has(verb);
  if (!isCompletion && !isProgress && !isStart && !isLogin) return { kind: "ignored", reason: "unsupported-verb", detail: verb };

  const displayName = s.actor.name?.trim().slice(0, 120);
  const base = {
    userId,
    occurredAt: s.timestamp ?? receivedAt.toISOString(),
    ...(displayName ? { user: { displayName } } : {}),
  };
  // A login is one occurrence, so its event is named by the statement.
  if (isLogin) return { kind: "event", event: { ...base, id: `xapi:user.login:${statementId}`, type: "user.login" } };

  if ((s.object.objectType ?? "Activity") !== "Activity") return { kind: "ignored", reason: "object-not-activity" };
  const objectId = s.object.id!;
  const objectIsCourse = isCourse(s.object);
  const courseId = resolveCourse(s);

  if (isStart) {
    if (!courseId) return { kind: "ignored", reason: "no-course" };
    return { kind: "event", event: { ...base, id: semanticEventId("course.started", userId, courseId), type: "course.started", courseId } };
  }

  if (isProgress) {
    if (s.result?.completion !== true) return { kind: "ignored", reason: "not-complete" };
    if (objectIsCourse) return { kind: "ignored", reason: "course-progress" };
  } else if (s.result?.success === false || s.result?.completion === false) {
    return { kind: "ignored", reason: "not-successful" };
  }
  if (!courseId) return { kind: "ignored", reason: "no-course" };
  const score = scoreOf(s);
  const scored = score === undefined ? {} : { score };
  if (objectIsCourse) {
    return { kind: "event", event: { ...base, ...scored, id: semanticEventId("course.completed", userId, courseId), type: "course.completed", courseId } };
  }
  return {
    kind: "event",
    event: {
      ...base,
      ...scored,
      id: semanticEventId("lesson.completed", userId, courseId, objectId),
      type: "lesson.completed",
      courseId,
      lessonId: objectId,
    },
  };
}

// --- Receiving

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
    const id = (options.statementId ?? statement.id ?? deterministicStatementId(statement)).toLowerCase();
    parsed.push({ raw, statement, id, hash: statementContentHash(raw, statement) });
  });
  const seen = new Map<string, number>();
  parsed.forEach((p, i) => {
    const first = seen.get(p.id);
    if (first !== undefined) issues.push({ path: [i, "id"], message: `repeats the id of statement ${first} in this batch` });
    else seen.set(p.id, i);
  });
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
    if (known.has(p.id)) {
      outcomes.push({ id: p.id, status: "unchanged" });
      continue;
    }
    outcomes.push(await applyStatement(db, p, now));
  }
  return { ids: parsed.map((p) => p.id), outcomes };
}

async function applyStatement(db: PrismaClient, p: Parsed, now: Date): Promise<StatementOutcome> {
  const mapping = mapStatement(p.statement, p.id, now);
  let outcome: StatementOutcome;
  if (mapping.kind === "ignored") {
    outcome = { id: p.id, status: "ignored", reason: mapping.reason, ...(mapping.detail ? { detail: mapping.detail } : {}) };
  } else {
    outcome = await recordDerivedEvent(db, p.id, mapping.event, now);
  }
  const sql = driverOf(db);
  const s = p.statement;
  const inserted = await sql.query(
    `INSERT INTO xapi_statement (id, user_id, verb, object_id, occurred_at, raw, content_hash, status, reason, detail, event_id, received_at)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb, $7, $8, $9, $10, $11, $12::timestamptz)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      p.id,
      s.actor.objectType === "Group" ? null : (s.actor.account?.name ?? null),
      s.verb.id,
      s.object.id ?? null,
      instant(s.timestamp),
      JSON.stringify({ ...p.raw, id: p.id }),
      p.hash,
      outcome.status,
      outcome.reason ?? null,
      outcome.detail ?? null,
      outcome.eventId ?? null,
      now.toISOString(),
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
    const [applied] = await driverOf(db).query(`SELECT 1 FROM xapi_statement WHERE event_id = $1 AND status = 'applied' LIMIT 1`, [event.id]);
    if (!applied) return { id: statementId, status: "applied", eventId: event.id };
    return { id: statementId, status: "ignored", reason: "event-exists", eventId: event.id };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "CONFLICT") return { id: statementId, status: "ignored", reason: "event-exists", eventId: event.id };
    if (err.code === "BAD_REQUEST") return { id: statementId, status: "ignored", reason: "invalid-event", detail: err.message };
    throw err;
  }
}

// --- The dashboard's log

export interface StatementRow {
  id: string;
  seq: string;
  userId: string | null;
  verb: string;
  objectId: string | null;
  occurredAt: Date | null;
  receivedAt: Date;
  status: string;
  reason: string | null;
  detail: string | null;
  eventId: string | null;
  raw: unknown;
}

/** Received statements, newest first, filtered, paged by the log position of the last one seen. */
export async function listStatements(
  db: Db,
  options: { limit: number; before?: string; status?: string; reason?: string; verb?: string; userId?: string },
): Promise<{ rows: StatementRow[]; nextBefore: string | null }> {
  const where: Prisma.XapiStatementWhereInput = {};
  if (options.before) where.seq = { lt: BigInt(options.before) };
  if (options.status) where.status = options.status;
  if (options.reason) where.reason = options.reason;
  if (options.verb) where.verb = options.verb;
  if (options.userId) where.userId = options.userId;
  const found = await db.xapiStatement.findMany({ where, orderBy: { seq: "desc" }, take: options.limit + 1 });
  const rows = found.slice(0, options.limit).map((r) => ({
    id: r.id,
    seq: r.seq.toString(),
    userId: r.userId,
    verb: r.verb,
    objectId: r.objectId,
    occurredAt: r.occurredAt,
    receivedAt: r.receivedAt,
    status: r.status,
    reason: r.reason,
    detail: r.detail,
    eventId: r.eventId,
    raw: r.raw,
  }));
  return { rows, nextBefore: found.length > options.limit ? rows[rows.length - 1]!.seq : null };
}

export async function countStatements(db: Db, options: { userId?: string } = {}): Promise<{ applied: number; ignored: number }> {
  const groups = await db.xapiStatement.groupBy({ by: ["status"], where: options.userId ? { userId: options.userId } : {}, _count: { _all: true } });
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { applied: count("applied"), ignored: count("ignored") };
}
