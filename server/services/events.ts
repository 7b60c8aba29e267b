import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { driverOf, type Database, type Sql } from "@/server/db";
import { AppError, zodIssues } from "@/server/errors";
import { eventInputSchema, type EventInput, type EventOutcome } from "@/server/schemas/events";
import { applyEvent, emptyCourse, lessonKey, type AppliedEvent, type LearnerState } from "./apply-event";
import { ledgerWrites } from "./ledger";
import { loadConfig, type EngineConfig } from "./rules";
import { enqueueWebhooks, ingestionWebhookMessages } from "./webhooks";

// Ingestion: a request's events (one, or a batch of up to 500) are validated, answered from the stored
// outcome when their id is known, and otherwise recorded in one transaction of a fixed handful of
// statements, whatever the number of events: claim the ids and lock the learners (in user id order, so
// concurrent requests never deadlock), read what the rules need about those learners, apply the events
// in request order in memory (apply-event.ts), and write every change in one statement. Concurrent
// requests for one learner queue on the learner's row lock, so nothing is lost or doubled.

export interface RecordResult {
  status: "created" | "duplicate";
  outcome: EventOutcome;
}

export interface BatchItemResult {
  eventId: string | null;
  status: "created" | "duplicate" | "error";
  result?: EventOutcome;
  error?: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}

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
  const result = await inNextGroup(db, { event, hash: payloadHash(event), now: options.now ?? new Date() });
  if (result instanceof AppError) throw result;
  return result;
}

/** Records events in order; one bad event is rejected alone and stores nothing. */
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
  const results = await ingest(db, valid);
  let next = 0;
  return parsed.map((p, i): BatchItemResult => {
    const raw = raws[i] as { id?: unknown } | null;
    const eventId = typeof raw?.id === "string" ? raw.id : null;
    const r = p instanceof AppError ? p : results[next++]!;
    if (r instanceof AppError) {
      const error: BatchItemResult["error"] = { code: r.code, message: r.message };
      if (r.issues) error.issues = r.issues;
      return { eventId, status: "error", error };
    }
    return { eventId, status: r.status, result: r.outcome };
  });
}

interface Parsed {
  event: EventInput;
  hash: string;
  /** The moment the event is recorded at (the current streak in its outcome is read at it). */
  now: Date;
}

// Group commit: single events that arrive while earlier ones are being recorded wait and are then recorded
// together, in one transaction (each with its own outcome; a repeated id inside a group is a duplicate of
// its first). A transaction's fixed costs (a handful of round trips, the commit's flush, the locks on the
// busiest score-histogram rows) are then paid once per group instead of once per event; an event arriving
// when nothing is in flight is recorded at once. A few groups run at a time, so the pool stays busy.
interface Waiting {
  parsed: Parsed;
  resolve: (result: RecordResult | AppError) => void;
  reject: (err: unknown) => void;
}
const CONCURRENT_GROUPS = 2;
const GROUP_MAX = 100;
const groups = new WeakMap<object, { waiting: Waiting[]; running: number }>();

function inNextGroup(db: PrismaClient, parsed: Parsed): Promise<RecordResult | AppError> {
  let queue = groups.get(db);
  if (!queue) groups.set(db, (queue = { waiting: [], running: 0 }));
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ parsed, resolve, reject });
    const next = () => {
      while (q.running < CONCURRENT_GROUPS && q.waiting.length > 0) {
        const group = q.waiting.splice(0, GROUP_MAX);
        q.running += 1;
        void recordGroup(db, group).finally(() => {
          q.running -= 1;
          next();
        });
      }
    };
    next();
  });
}

async function recordGroup(db: PrismaClient, group: Waiting[]): Promise<void> {
  try {
    const results = await ingest(db, group.map((w) => w.parsed));
    group.forEach((w, i) => w.resolve(results[i]!));
  } catch (err) {
    if (group.length === 1) return group[0]!.reject(err);
    // Whatever failed the group must fail only the event that caused it: each again, alone.
    for (const w of group) {
      await ingest(db, [w.parsed]).then(([r]) => w.resolve(r!), w.reject);
    }
  }
}

interface Stored {
  payload_hash: string;
  outcome: EventOutcome | null;
}

/** A stored event as the answer to a repeated id: its first outcome, or a CONFLICT for another payload. */
function answerFromStored(p: Parsed, stored: Stored): RecordResult | AppError {
  if (stored.payload_hash !== p.hash || !stored.outcome) {
    return new AppError("CONFLICT", `Event id ${p.event.id} was already used for a different event.`);
  }
  return { status: "duplicate", outcome: { ...stored.outcome, duplicate: true } };
}

const asRepeat = (first: RecordResult | AppError): RecordResult | AppError =>
  first instanceof AppError ? first : { status: "duplicate", outcome: { ...first.outcome, duplicate: true } };

// PostgreSQL's deadlock detector may still pick us (a close or an admin action locking in another order):
// the transaction is rolled back whole, so it is simply run again.
const DEADLOCK = "40P01";
const ATTEMPTS = 3;

/** Results for validated events, in their order. */
async function ingest(db: PrismaClient, events: Parsed[]): Promise<(RecordResult | AppError)[]> {
  if (events.length === 0) return [];
  const database = driverOf(db);
  // The first occurrence of an id in the request is the event; later ones repeat it (or conflict with it).
  const firstOf = new Map<string, number>();
  events.forEach((p, i) => {
    if (!firstOf.has(p.event.id)) firstOf.set(p.event.id, i);
  });
  const firsts = [...firstOf.values()].map((i) => events[i]!);

  // Redeliveries are common (LMS retries): answer them without a transaction, with the rules' version.
  const known = await database.query<Stored & { config_version: number; id: string | null }>(
    `SELECT (SELECT config_version FROM org_settings WHERE id = 1) AS config_version, e.id, e.payload_hash, e.outcome
     FROM (SELECT 1) one LEFT JOIN event e ON e.id = ANY($1::text[])`,
    [firsts.map((p) => p.event.id)],
  );
  const answers = new Map<string, RecordResult | AppError>();
  for (const row of known) {
    if (row.id !== null) answers.set(row.id, answerFromStored(events[firstOf.get(row.id)!]!, row));
  }
  const fresh = firsts.filter((p) => !answers.has(p.event.id));
  if (fresh.length > 0) {
    const config = await loadConfig(db, known[0]!.config_version);
    await ensureCatalog(database, fresh.map((p) => p.event));
    for (let attempt = 1; ; attempt++) {
      try {
        const recorded = await database.transaction((sql) => recordFresh(sql, fresh, config));
        for (const [id, answer] of recorded) answers.set(id, answer);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== DEADLOCK || attempt === ATTEMPTS) throw err;
      }
    }
  }
  return events.map((p, i) => {
    const answer = answers.get(p.event.id)!;
    if (firstOf.get(p.event.id) === i) return answer;
    return p.hash === events[firstOf.get(p.event.id)!]!.hash
      ? asRepeat(answer)
      : new AppError("CONFLICT", `Event id ${p.event.id} was already used for a different event.`);
  });
}

// Courses and lessons as the LMS names them, inserted once, before (and outside) the ingestion transaction:
// they are shared rows, and creating them there would make concurrent requests wait on each other. Names
// seen are remembered per database for the process's life (they are never deleted); the registry is global
// for the two copies of this module in the production server.
const catalogs = ((globalThis as unknown as Record<symbol, unknown>)[Symbol.for("gamify.knownCatalog")] ??= new WeakMap<object, Set<string>>()) as WeakMap<
  object,
  Set<string>
>;
const CATALOG_MAX = 500_000;

async function ensureCatalog(database: Database, events: EventInput[]): Promise<void> {
  let catalog = catalogs.get(database);
  if (!catalog) catalogs.set(database, (catalog = new Set()));
  const courses = new Set<string>();
  const lessons = new Map<string, { course_id: string; id: string }>();
  for (const e of events) {
    if (e.courseId && !catalog.has(e.courseId)) courses.add(e.courseId);
    if (e.type === "lesson.completed" && !catalog.has(lessonKey(e.courseId!, e.lessonId!))) {
      lessons.set(lessonKey(e.courseId!, e.lessonId!), { course_id: e.courseId!, id: e.lessonId! });
    }
  }
  if (courses.size === 0 && lessons.size === 0) return;
  await database.query(
    `WITH c AS (INSERT INTO course (id) SELECT id FROM unnest($1::text[]) AS id ORDER BY id ON CONFLICT DO NOTHING)
     INSERT INTO lesson (course_id, id)
     SELECT x.course_id, x.id FROM jsonb_to_recordset($2::jsonb) AS x(course_id text, id text) ORDER BY 1, 2
     ON CONFLICT DO NOTHING`,
    [[...new Set([...courses, ...[...lessons.values()].map((l) => l.course_id)])], JSON.stringify([...lessons.values()])],
  );
  if (catalog.size > CATALOG_MAX) catalog.clear();
  for (const c of courses) catalog.add(c);
  for (const key of lessons.keys()) catalog.add(key);
}

interface Applied {
  event: EventInput;
  learner: LearnerState;
  effects: AppliedEvent;
  now: Date;
}

interface LearnerRow {
  id: number;
  user_id: string;
  display_name: string | null;
  timezone: string | null;
  points: number;
  achievement_points: number;
  lessons_completed: number;
  courses_completed: number;
  perfect_courses: number;
  longest_streak: number;
  last_active_date: string | null;
  run_start_date: string | null;
  claimed: string[];
}

/** Records events whose ids were not known a moment ago; answers by id. Runs inside a transaction. */
async function recordFresh(sql: Sql, fresh: Parsed[], config: EngineConfig): Promise<Map<string, RecordResult | AppError>> {
  // 1. Lock the learners (creating them on their first event) in user id order, and claim the ids: of
  //    twenty identical requests, exactly one claims the id; the others wait for it here, then find it.
  const learnerRows = await sql.query<LearnerRow>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(ord int, id text, user_id text, type text, course_id text,
         lesson_id text, occurred_at timestamptz, payload_hash text, payload jsonb)
     ), l AS (
       INSERT INTO learner (user_id, updated_at) SELECT DISTINCT user_id, now() FROM input ORDER BY user_id
       ON CONFLICT (user_id) DO UPDATE SET updated_at = learner.updated_at
       RETURNING id, user_id, display_name, timezone, points, achievement_points, lessons_completed, courses_completed,
         perfect_courses, longest_streak, last_active_date::text, run_start_date::text
     ), claim AS (
       INSERT INTO event (id, learner_id, type, course_id, lesson_id, occurred_at, payload_hash, payload)
       SELECT i.id, l.id, i.type, i.course_id, i.lesson_id, i.occurred_at, i.payload_hash, i.payload
       FROM input i JOIN l USING (user_id) ORDER BY i.ord
       ON CONFLICT (id) DO NOTHING
       RETURNING id, learner_id
     )
     SELECT l.*, COALESCE(c.claimed, '{}') AS claimed
     FROM l LEFT JOIN (SELECT learner_id, array_agg(id) AS claimed FROM claim GROUP BY learner_id) c ON c.learner_id = l.id`,
    [
      JSON.stringify(
        fresh.map(({ event: e, hash }, ord) => ({
          ord,
          id: e.id,
          user_id: e.userId,
          type: e.type,
          course_id: e.courseId ?? null,
          lesson_id: e.lessonId ?? null,
          occurred_at: new Date(e.occurredAt).toISOString(),
          payload_hash: hash,
          payload: e,
        })),
      ),
    ],
  );
  const claimed = new Set(learnerRows.flatMap((r) => r.claimed));
  const answers = new Map<string, RecordResult | AppError>();

  // Ids claimed meanwhile by a concurrent request, which has committed by now: answered from it.
  const raced = fresh.filter((p) => !claimed.has(p.event.id));
  if (raced.length > 0) {
    const stored = await sql.query<Stored & { id: string }>(`SELECT id, payload_hash, outcome FROM event WHERE id = ANY($1::text[])`, [
      raced.map((p) => p.event.id),
    ]);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const p of raced) answers.set(p.event.id, answerFromStored(p, byId.get(p.event.id)!));
  }
  const recorded = fresh.filter((p) => claimed.has(p.event.id));
  if (recorded.length === 0) return answers;
  const events = recorded.map((p) => p.event);

  // 2. What the rules need to know about these learners, read under their locks.
  const learners = await loadLearnerStates(sql, learnerRows.filter((r) => r.claimed.length > 0), events);

  // 3. The events, in request order.
  const applied: Applied[] = [];
  for (const { event, now } of recorded) {
    const learner = learners.get(event.userId)!;
    const effects = applyEvent(learner, event, config, now);
    applied.push({ event, learner, effects, now });
    answers.set(event.id, { status: "created", outcome: effects.outcome });
  }

  // 4. Every change, in one statement.
  await writeChanges(sql, [...learners.values()], applied, config);

  // The outbox: webhook deliveries commit with the change they announce (no query when nobody subscribes).
  const messages = applied.flatMap(({ event, effects, now }) =>
    ingestionWebhookMessages(config.webhookSubscriptions, {
      userId: event.userId,
      eventType: event.type,
      occurredAt: new Date(event.occurredAt),
      outcome: effects.outcome,
      streakBefore: effects.streakBefore,
      zone: effects.zone,
      now,
    }),
  );
  await enqueueWebhooks(sql, config.webhookSubscriptions, messages, recorded[0]!.now);
  return answers;
}

/** The state of each learner the events name: totals from their locked row, and the rows the rules read. */
async function loadLearnerStates(sql: Sql, rows: LearnerRow[], events: EventInput[]): Promise<Map<string, LearnerState>> {
  const learners = new Map<string, LearnerState>();
  for (const r of rows) {
    learners.set(r.user_id, {
      id: r.id,
      userId: r.user_id,
      displayName: r.display_name,
      timezone: r.timezone,
      points: r.points,
      achievementPoints: r.achievement_points,
      lessonsCompleted: r.lessons_completed,
      coursesCompleted: r.courses_completed,
      perfectCourses: r.perfect_courses,
      longestStreak: r.longest_streak,
      lastActiveDate: r.last_active_date,
      runStartDate: r.run_start_date,
      earned: new Set(),
      days: new Map(),
      changedDays: new Set(),
      courses: new Map(),
      lessonsDone: new Set(),
    });
  }
  const pairs = new Map<string, { learner_id: number; course_id: string }>();
  const lessons = new Map<string, { learner_id: number; course_id: string; lesson_id: string }>();
  for (const e of events) {
    if (!e.courseId) continue;
    const learnerId = learners.get(e.userId)!.id;
    pairs.set(`${learnerId}|${e.courseId}`, { learner_id: learnerId, course_id: e.courseId });
    if (e.lessonId && e.type === "lesson.completed") {
      lessons.set(`${learnerId}|${lessonKey(e.courseId, e.lessonId)}`, { learner_id: learnerId, course_id: e.courseId, lesson_id: e.lessonId });
    }
  }
  const state = await sql.query<{
    kind: "earned" | "day" | "course" | "completion" | "lesson";
    learner_id: number;
    course_id: string | null;
    lesson_id: string | null;
    n: number | null;
    at1: Date | null;
    at2: Date | null;
    flag: boolean | null;
    day: string | null;
  }>(
    `WITH ls AS (SELECT unnest($1::int[]) AS learner_id),
     pairs AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS p(learner_id int, course_id text)),
     lessons AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS t(learner_id int, course_id text, lesson_id text))
     SELECT 'earned' AS kind, la.learner_id, NULL::text AS course_id, NULL::text AS lesson_id, la.achievement_id AS n,
       NULL::timestamptz AS at1, NULL::timestamptz AS at2, NULL::boolean AS flag, NULL::text AS day
     FROM learner_achievement la JOIN ls USING (learner_id)
     UNION ALL
     SELECT 'day', d.learner_id, NULL, NULL, NULL, d.first_occurred_at, NULL, NULL, d.day::text
     FROM active_day d JOIN ls USING (learner_id)
     UNION ALL
     SELECT 'course', lc.learner_id, lc.course_id, NULL, lc.lessons_completed, lc.first_activity_at, lc.completed_at, lc.perfect, NULL
     FROM learner_course lc JOIN pairs USING (learner_id, course_id)
     UNION ALL
     SELECT 'completion', e.learner_id, e.course_id, NULL, NULL, e.occurred_at, NULL, NULL, NULL
     FROM event e JOIN pairs USING (learner_id, course_id)
     WHERE e.type = 'course.completed' AND e.id <> ALL($4::text[])
     UNION ALL
     SELECT 'lesson', c.learner_id, c.course_id, c.lesson_id, NULL, NULL, NULL, NULL, NULL
     FROM lesson_completion c JOIN lessons USING (learner_id, course_id, lesson_id)`,
    [
      rows.map((r) => r.id),
      JSON.stringify([...pairs.values()]),
      JSON.stringify([...lessons.values()]),
      events.map((e) => e.id),
    ],
  );
  const byId = new Map([...learners.values()].map((l) => [l.id, l]));
  const courseOf = (l: LearnerState, courseId: string) => {
    let c = l.courses.get(courseId);
    if (!c) l.courses.set(courseId, (c = emptyCourse()));
    return c;
  };
  for (const s of state) {
    const l = byId.get(s.learner_id)!;
    if (s.kind === "earned") l.earned.add(s.n!);
    else if (s.kind === "day") l.days.set(s.day!, new Date(s.at1!));
    else if (s.kind === "lesson") l.lessonsDone.add(lessonKey(s.course_id!, s.lesson_id!));
    else if (s.kind === "completion") courseOf(l, s.course_id!).completions.push(new Date(s.at1!).getTime());
    else {
      const c = courseOf(l, s.course_id!);
      c.firstActivityAt = s.at1 === null ? null : new Date(s.at1).getTime();
      c.completedAt = s.at2 === null ? null : new Date(s.at2).getTime();
      c.perfect = s.flag!;
      c.lessonsCompleted = s.n!;
    }
  }
  return learners;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Writes what applying the events changed: one statement (the ledger part shared with appendLedger). */
async function writeChanges(
  sql: Sql,
  learners: LearnerState[],
  applied: Applied[],
  config: EngineConfig,
): Promise<void> {
  const completions = applied.flatMap(({ event, learner, effects: { newLesson } }) =>
    newLesson
      ? [{ learner_id: learner.id, course_id: newLesson.courseId, lesson_id: newLesson.lessonId, event_id: event.id, occurred_at: event.occurredAt, points: newLesson.points }]
      : [],
  );
  const progress = learners.flatMap((l) =>
    [...l.courses.entries()]
      .filter(([, c]) => c.changed)
      .map(([courseId, c]) => ({
        learner_id: l.id,
        course_id: courseId,
        first_activity_at: iso(c.firstActivityAt),
        completed_at: iso(c.completedAt),
        perfect: c.perfect,
        lessons_completed: c.lessonsCompleted,
      })),
  );
  const days = learners.flatMap((l) => [...l.changedDays].map((day) => ({ learner_id: l.id, day, first_occurred_at: l.days.get(day)!.toISOString() })));
  const earned = applied.flatMap(({ event, learner, effects }) =>
    effects.earned.map((a) => ({ learner_id: learner.id, achievement_id: a.id, earned_at: event.occurredAt, points: a.points, event_id: event.id })),
  );
  const totals = learners.map((l) => ({
    id: l.id,
    display_name: l.displayName,
    timezone: l.timezone,
    points: l.points,
    achievement_points: l.achievementPoints,
    lessons_completed: l.lessonsCompleted,
    courses_completed: l.coursesCompleted,
    perfect_courses: l.perfectCourses,
    longest_streak: l.longestStreak,
    last_active_date: l.lastActiveDate,
    run_start_date: l.runStartDate,
  }));
  const outcomes = applied.map(({ event, effects }) => ({ id: event.id, outcome: effects.outcome }));
  const rowsOf = new Map(learners.map((l) => [l, [] as AppliedEvent["ledger"]]));
  for (const a of applied) rowsOf.get(a.learner)!.push(...a.effects.ledger);
  const ledger = ledgerWrites(
    learners.map((l) => ({ learnerId: l.id, userId: l.userId, rows: rowsOf.get(l)! })),
    config.settings.timezone,
    7,
  );
  const [written] = await sql.query<{ earned: number }>(
    `WITH done AS (
       INSERT INTO lesson_completion (learner_id, course_id, lesson_id, event_id, occurred_at, points)
       SELECT x.learner_id, x.course_id, x.lesson_id, x.event_id, x.occurred_at, x.points
       FROM jsonb_to_recordset($1::jsonb) AS x(learner_id int, course_id text, lesson_id text, event_id text, occurred_at timestamptz, points int)
     ), progress AS (
       INSERT INTO learner_course (learner_id, course_id, first_activity_at, completed_at, perfect, lessons_completed)
       SELECT x.learner_id, x.course_id, x.first_activity_at, x.completed_at, x.perfect, x.lessons_completed
       FROM jsonb_to_recordset($2::jsonb) AS x(learner_id int, course_id text, first_activity_at timestamptz, completed_at timestamptz,
         perfect boolean, lessons_completed int)
       ON CONFLICT (learner_id, course_id) DO UPDATE SET first_activity_at = EXCLUDED.first_activity_at,
         completed_at = EXCLUDED.completed_at, perfect = EXCLUDED.perfect, lessons_completed = EXCLUDED.lessons_completed
     ), days AS (
       INSERT INTO active_day (learner_id, day, first_occurred_at)
       SELECT x.learner_id, x.day, x.first_occurred_at FROM jsonb_to_recordset($3::jsonb) AS x(learner_id int, day date, first_occurred_at timestamptz)
       ON CONFLICT (learner_id, day) DO UPDATE SET first_occurred_at = EXCLUDED.first_occurred_at
     ), earned AS (
       INSERT INTO learner_achievement (learner_id, achievement_id, earned_at, points, event_id)
       SELECT x.learner_id, x.achievement_id, x.earned_at, x.points, x.event_id
       FROM jsonb_to_recordset($4::jsonb) AS x(learner_id int, achievement_id int, earned_at timestamptz, points int, event_id text)
       ON CONFLICT (learner_id, achievement_id) DO NOTHING
       RETURNING 1
     ), totals AS (
       UPDATE learner SET display_name = x.display_name, timezone = x.timezone, points = x.points,
         achievement_points = x.achievement_points, lessons_completed = x.lessons_completed, courses_completed = x.courses_completed,
         perfect_courses = x.perfect_courses, longest_streak = x.longest_streak, last_active_date = x.last_active_date,
         run_start_date = x.run_start_date, updated_at = now()
       FROM jsonb_to_recordset($5::jsonb) AS x(id int, display_name text, timezone text, points int, achievement_points int,
         lessons_completed int, courses_completed int, perfect_courses int, longest_streak int, last_active_date date, run_start_date date)
       WHERE learner.id = x.id
     ), outcomes AS (
       UPDATE event SET outcome = x.outcome FROM jsonb_to_recordset($6::jsonb) AS x(id text, outcome jsonb) WHERE event.id = x.id
     ), ${ledger.ctes}
     SELECT (SELECT count(*) FROM earned)::int AS earned`,
    [
      JSON.stringify(completions),
      JSON.stringify(progress),
      JSON.stringify(days),
      JSON.stringify(earned),
      JSON.stringify(totals),
      JSON.stringify(outcomes),
      ...ledger.params,
    ],
  );
  // Every writer of learner_achievement holds the learner's lock and read under it: a refused row would mean
  // a write outside that rule, and points paid for a badge that was not recorded. Roll back instead.
  if (written!.earned !== earned.length) throw new Error("An achievement was earned concurrently outside the learner's lock.");
}
