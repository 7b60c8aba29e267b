import crypto from "node:crypto";
import type { Achievement, PrismaClient } from "@prisma/client";
import { driverOf, type Sql } from "@/server/db";
import { AppError, zodIssues } from "@/server/errors";
import { eventInputSchema, type EventInput, type EventOutcome } from "@/server/schemas/events";
import {
  achievementLedgerRows,
  insertEarned,
  thresholdHolds,
  type LearnerProgress,
} from "./achievements";
import { addDays, daysBetween, dayInZone } from "./calendar";
import { appendLedger, type LedgerRow } from "./ledger";
import { activityPoints, loadConfig, type EngineConfig } from "./rules";
import { readStreak } from "./streaks";
import { enqueueIngestionWebhooks } from "./webhooks";

export interface RecordResult {
  status: "created" | "duplicate";
  outcome: EventOutcome;
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

/** Thrown inside the transaction to roll it back when the id turns out to be taken. */
class AlreadyRecorded {
  constructor(readonly result: RecordResult) {}
}

interface KnownEvent {
  payload_hash: string | null;
  outcome: EventOutcome | null;
  config_version: number;
}

/** The stored outcome for a known id (CONFLICT if the payload differs), with the rules' version in the same trip. */
async function lookUp(sql: Sql, e: EventInput): Promise<KnownEvent> {
  const [row] = await sql.query<KnownEvent>(
    `SELECT e.payload_hash, e.outcome, (SELECT config_version FROM org_settings WHERE id = 1) AS config_version
     FROM (SELECT 1) one LEFT JOIN event e ON e.id = $1`,
    [e.id],
  );
  return row!;
}

function asDuplicate(e: EventInput, hash: string, known: KnownEvent): RecordResult | null {
  if (known.payload_hash === null) return null;
  if (known.payload_hash !== hash || !known.outcome) {
    throw new AppError("CONFLICT", `Event id ${e.id} was already used for a different event.`);
  }
  return { status: "duplicate", outcome: { ...known.outcome, duplicate: true } };
}

/**
 * Records one learning event: claims its id, writes its ledger rows, updates totals, boards, active days,
 * streak and achievements, all in one transaction, and returns the outcome of API.md. The same id again
 * returns the stored first outcome; the same id with another payload is a CONFLICT.
 */
export async function recordEvent(db: PrismaClient, raw: unknown, options: { now?: Date } = {}): Promise<RecordResult> {
  const event = parseEvent(raw);
  const hash = payloadHash(event);
  const database = driverOf(db);
  // Redeliveries are common (LMS retries): answer them without a transaction.
  const known = await lookUp(database, event);
  const duplicate = asDuplicate(event, hash, known);
  if (duplicate) return duplicate;
  const config = await loadConfig(db, known.config_version);
  try {
    return await database.transaction((sql) => ingest(sql, event, hash, config, options.now ?? new Date()));
  } catch (err) {
    if (err instanceof AlreadyRecorded) return err.result;
    throw err;
  }
}

export interface BatchItemResult {
  eventId: string | null;
  status: "created" | "duplicate" | "error";
  result?: EventOutcome;
  error?: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}

/** Records events in order; one bad event is rejected alone and stores nothing. */
export async function recordEvents(db: PrismaClient, raws: unknown[], options: { now?: Date } = {}): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = [];
  for (const raw of raws) {
    const eventId = typeof (raw as { id?: unknown } | null)?.id === "string" ? (raw as { id: string }).id : null;
    try {
      const { status, outcome } = await recordEvent(db, raw, options);
      results.push({ eventId, status, result: outcome });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const error: BatchItemResult["error"] = { code: err.code, message: err.message };
      if (err.issues) error.issues = err.issues;
      results.push({ eventId, status: "error", error });
    }
  }
  return results;
}

interface LearnerRow {
  id: number;
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
}

async function ingest(tx: Sql, e: EventInput, hash: string, config: EngineConfig, now: Date): Promise<RecordResult> {
  const occurredAt = new Date(e.occurredAt);

  // Lock the learner (creating them on their first event): concurrent events of one learner queue here,
  // so no update is lost and no award is doubled.
  // Then claim the id with a unique insert: of twenty identical requests, exactly one gets past this line.
  // (One statement, one round trip; the learner's row lock is taken first, then the event's id.)
  const [learner] = await tx.query<LearnerRow & { claimed: boolean; earned_ids: number[] }>(
    `WITH l AS (
       INSERT INTO learner (user_id, updated_at) VALUES ($1, now())
       ON CONFLICT (user_id) DO UPDATE SET updated_at = learner.updated_at
       RETURNING id, display_name, timezone, points, achievement_points, lessons_completed, courses_completed,
         perfect_courses, longest_streak, last_active_date::text, run_start_date::text
     ), claim AS (
       INSERT INTO event (id, learner_id, type, course_id, lesson_id, occurred_at, payload_hash, payload)
       SELECT $2, l.id, $3, $4, $5, $6::timestamptz, $7, $8::jsonb FROM l
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     )
     SELECT l.*, EXISTS (SELECT 1 FROM claim) AS claimed,
       ARRAY(SELECT achievement_id FROM learner_achievement WHERE learner_id = l.id) AS earned_ids
     FROM l`,
    [e.userId, e.id, e.type, e.courseId ?? null, e.lessonId ?? null, occurredAt.toISOString(), hash, JSON.stringify(e)],
  );
  if (!learner) throw new Error("learner upsert returned nothing");
  if (!learner.claimed) throw new AlreadyRecorded(asDuplicate(e, hash, await lookUp(tx, e))!);

  // A zone sent with the event applies to this event's day and later ones, never to past days.
  const displayName = e.user?.displayName ?? learner.display_name;
  const zone = e.user?.timezone ?? learner.timezone ?? config.settings.timezone;
  const timezone = e.user?.timezone ?? learner.timezone;

  const ledger: LedgerRow[] = [];
  const progress: LearnerProgress = {
    lessonsCompleted: learner.lessons_completed,
    coursesCompleted: learner.courses_completed,
    longestStreak: learner.longest_streak,
    activityPoints: learner.points - learner.achievement_points,
    perfectCourses: learner.perfect_courses,
  };

  const activity = await recordActivity(tx, learner.id, e, occurredAt, config);
  if (activity.points !== 0) {
    ledger.push({
      points: activity.points,
      reason: e.type,
      occurredAt,
      eventId: e.id,
      courseId: e.courseId ?? null,
      lessonId: e.lessonId ?? null,
    });
  }
  progress.lessonsCompleted += activity.newLesson ? 1 : 0;
  progress.coursesCompleted += activity.newCourse ? 1 : 0;
  progress.perfectCourses += activity.newPerfect ? 1 : 0;

  const day = dayInZone(occurredAt, zone);
  const streak = await recordActiveDay(tx, learner, day, occurredAt);
  for (const award of streak.streakDays) {
    ledger.push({
      points: config.settings.streakDayPoints,
      reason: "streak.day",
      occurredAt: award.firstOccurredAt,
      eventId: e.id,
      streakDay: award.day,
    });
  }
  progress.longestStreak = streak.summary.longestStreak;
  progress.activityPoints += ledger.reduce((n, r) => n + r.points, 0);

  // Achievements whose criterion holds now and that the learner lacks (as of this statement's snapshot:
  // one earned meanwhile by a concurrent event is refused by the primary key, so each is awarded once).
  const earnedIds = new Set(learner.earned_ids);
  const candidates = config.activeAchievements.filter((a) => !earnedIds.has(a.id) && thresholdHolds(a, progress));
  if (activity.speedCandidateCourse) {
    const unearned = config.activeAchievements.filter((a) => a.kind === "speed_course" && !earnedIds.has(a.id));
    candidates.push(...(await speedAchievementsMet(tx, learner.id, activity.speedCandidateCourse, unearned)));
  }
  const earned = await insertEarned(tx, learner.id, candidates, occurredAt, e.id);
  ledger.push(...achievementLedgerRows(earned, occurredAt, e.id));

  await appendLedger(tx, { id: learner.id, userId: e.userId }, ledger, config.settings.timezone);

  const pointsAwarded = ledger.reduce((n, r) => n + (r.points === 0 ? 0 : r.points), 0);
  const achievementPointsAwarded = earned.reduce((n, a) => n + a.points, 0);
  const totals = {
    points: learner.points + pointsAwarded,
    lessonsCompleted: progress.lessonsCompleted,
    coursesCompleted: progress.coursesCompleted,
  };
  const view = readStreak(streak.summary, zone, now);
  const outcome: EventOutcome = {
    eventId: e.id,
    duplicate: false,
    pointsAwarded,
    awards: ledger
      .filter((r) => r.points !== 0)
      .map((r) => ({
        reason: r.reason === "achievement" ? `achievement:${earned.find((a) => a.id === r.achievementId)!.key}` : r.reason,
        points: r.points,
      })),
    achievementsUnlocked: earned.map((a) => ({ key: a.key, name: a.name, points: a.points })),
    streak: { current: view.current, longest: view.longest },
    totals,
  };

  await tx.query(
    `WITH stored AS (UPDATE event SET outcome = $1::jsonb WHERE id = $2)
     UPDATE learner SET display_name = $3, timezone = $4, points = $5, achievement_points = achievement_points + $6,
       lessons_completed = $7, courses_completed = $8, perfect_courses = $9, longest_streak = $10,
       last_active_date = $11::date, run_start_date = $12::date, updated_at = now()
     WHERE id = $13`,
    [
      JSON.stringify(outcome), e.id, displayName, timezone, totals.points, achievementPointsAwarded,
      totals.lessonsCompleted, totals.coursesCompleted, progress.perfectCourses, streak.summary.longestStreak,
      streak.summary.lastActiveDate, streak.summary.runStartDate, learner.id,
    ],
  );

  // The outbox: webhook deliveries commit with the change they announce (no query when nobody subscribes).
  await enqueueIngestionWebhooks(tx, config, {
    userId: e.userId,
    eventType: e.type,
    occurredAt,
    outcome,
    streakBefore: { longestStreak: learner.longest_streak, lastActiveDate: learner.last_active_date, runStartDate: learner.run_start_date },
    zone,
    now,
  });

  return { status: "created", outcome };
}

interface ActivityResult {
  points: number;
  newLesson: boolean;
  newCourse: boolean;
  newPerfect: boolean;
  /** A course whose speed achievement may now hold. */
  speedCandidateCourse: string | null;
}

/** Course, lesson and learner-course bookkeeping for one event, and the activity points it earns. */
async function recordActivity(
  tx: Sql,
  learnerId: number,
  e: EventInput,
  occurredAt: Date,
  config: EngineConfig,
): Promise<ActivityResult> {
  const none: ActivityResult = { points: 0, newLesson: false, newCourse: false, newPerfect: false, speedCandidateCourse: null };
  if (e.type === "user.login") return { ...none, points: activityPoints(config, e.type, undefined, undefined) };
  const courseId = e.courseId!;
  const isLesson = e.type === "lesson.completed";
  const isCompletion = e.type === "course.completed";
  const startsCourse = e.type === "course.started" || isLesson;
  const perfect = isCompletion && e.score === 100;
  const at = occurredAt.toISOString();
  // One statement: the course (and lesson) as the LMS names them, the once-per-lesson claim (the first
  // completion received earns the points), and the learner's progress in the course with its old values.
  const [row] = await tx.query<{
    first_activity_at: Date | null;
    completed_at: Date | null;
    was_completed: boolean;
    was_perfect: boolean;
    first_changed: boolean;
    new_lesson: boolean;
  }>(
    `WITH c AS (INSERT INTO course (id) VALUES ($2) ON CONFLICT DO NOTHING),
     les AS (INSERT INTO lesson (course_id, id) SELECT $2, $3 WHERE $3::text IS NOT NULL ON CONFLICT DO NOTHING),
     done AS (
       INSERT INTO lesson_completion (learner_id, course_id, lesson_id, event_id, occurred_at, points)
       SELECT $1, $2, $3, $4, $5::timestamptz, $6 WHERE $3::text IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING 1
     ),
     old AS (
       SELECT completed_at, perfect, first_activity_at FROM learner_course WHERE learner_id = $1 AND course_id = $2
     ),
     up AS (
       INSERT INTO learner_course (learner_id, course_id, first_activity_at, completed_at, perfect, lessons_completed)
       VALUES ($1, $2, $7::timestamptz, $8::timestamptz, $9, (SELECT count(*)::int FROM done))
       ON CONFLICT (learner_id, course_id) DO UPDATE SET
         first_activity_at = LEAST(learner_course.first_activity_at, EXCLUDED.first_activity_at),
         completed_at = COALESCE(learner_course.completed_at, EXCLUDED.completed_at),
         perfect = learner_course.perfect OR EXCLUDED.perfect,
         lessons_completed = learner_course.lessons_completed + EXCLUDED.lessons_completed
       RETURNING first_activity_at, completed_at, perfect
     )
     SELECT up.first_activity_at, up.completed_at,
       COALESCE((SELECT completed_at IS NOT NULL FROM old), false) AS was_completed,
       COALESCE((SELECT perfect FROM old), false) AS was_perfect,
       up.first_activity_at IS DISTINCT FROM (SELECT first_activity_at FROM old) AS first_changed,
       EXISTS (SELECT 1 FROM done) AS new_lesson
     FROM up`,
    [
      learnerId, courseId, isLesson ? e.lessonId! : null, e.id, at,
      isLesson ? activityPoints(config, e.type, courseId, e.difficulty) : 0,
      startsCourse ? at : null, isCompletion ? at : null, perfect,
    ],
  );
  if (!row) throw new Error("learner_course upsert returned nothing");
  const newLesson = row.new_lesson;

  const newCourse = isCompletion && !row.was_completed;
  const newPerfect = perfect && !row.was_perfect;
  const points = e.type === "lesson.completed"
    ? (newLesson ? activityPoints(config, e.type, courseId, e.difficulty) : 0)
    : newCourse
      ? activityPoints(config, e.type, courseId, e.difficulty)
      : 0;
  // Speed is judged when a completion or an earlier start becomes known (a late course.started counts too).
  const speedRelevant = row.completed_at !== null && row.first_activity_at !== null && (isCompletion || row.first_changed);
  return { points, newLesson, newCourse, newPerfect, speedCandidateCourse: speedRelevant ? courseId : null };
}

/**
 * speed_course: a completion within `withinHours` of the learner's earliest other event in the course whose
 * occurredAt is strictly earlier, judged on the events known now.
 */
async function speedAchievementsMet(tx: Sql, learnerId: number, courseId: string, speed: Achievement[]): Promise<Achievement[]> {
  if (speed.length === 0) return [];
  const [row] = await tx.query<{ gap_ms: number | null }>(
    `SELECT min(EXTRACT(EPOCH FROM (e.occurred_at - lc.first_activity_at)) * 1000)::float8 AS gap_ms
     FROM learner_course lc JOIN event e
       ON e.learner_id = lc.learner_id AND e.course_id = lc.course_id AND e.type = 'course.completed'
     WHERE lc.learner_id = $1 AND lc.course_id = $2 AND e.occurred_at > lc.first_activity_at`,
    [learnerId, courseId],
  );
  const gap = row?.gap_ms;
  if (gap === null || gap === undefined) return [];
  return speed.filter((a) => gap <= (a.withinHours ?? 24) * 3_600_000);
}

interface ActiveDayResult {
  summary: { longestStreak: number; lastActiveDate: string | null; runStartDate: string | null };
  streakDays: { day: string; firstOccurredAt: Date }[];
}

/**
 * Marks the day active. A new day earns streak-day points for itself if the day before is active, and for
 * the day after if that one is active (a late event that fills a gap), so the total is order-independent.
 */
async function recordActiveDay(tx: Sql, learner: LearnerRow, day: string, occurredAt: Date): Promise<ActiveDayResult> {
  const unchanged: ActiveDayResult = {
    summary: { longestStreak: learner.longest_streak, lastActiveDate: learner.last_active_date, runStartDate: learner.run_start_date },
    streakDays: [],
  };
  const upserted = await tx.query<{ inserted: boolean }>(
    `INSERT INTO active_day (learner_id, day, first_occurred_at) VALUES ($1, $2::date, $3::timestamptz)
     ON CONFLICT (learner_id, day) DO UPDATE SET first_occurred_at = EXCLUDED.first_occurred_at
       WHERE active_day.first_occurred_at > EXCLUDED.first_occurred_at
     RETURNING (xmax = 0) AS inserted`,
    [learner.id, day, occurredAt.toISOString()],
  );
  if (!upserted[0]?.inserted) return unchanged;

  // The run of consecutive days through the new day, and the latest run (gaps and islands).
  const islands = await tx.query<{ first_day: string; last_day: string; next_first_at: Date | null }>(
    `WITH islands AS (
      SELECT min(day) AS first_day, max(day) AS last_day
      FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::int AS grp FROM active_day WHERE learner_id = $1) t
      GROUP BY grp
    )
    SELECT first_day::text, last_day::text,
      (SELECT first_occurred_at FROM active_day WHERE learner_id = $1 AND day = $2::date + 1) AS next_first_at
    FROM islands
    WHERE $2::date BETWEEN first_day AND last_day OR last_day = (SELECT max(last_day) FROM islands)
    ORDER BY last_day`,
    [learner.id, day],
  );
  const through = islands.find((i) => i.first_day <= day && day <= i.last_day)!;
  const latest = islands[islands.length - 1]!;
  const streakDays: ActiveDayResult["streakDays"] = [];
  if (through.first_day < day) streakDays.push({ day, firstOccurredAt: occurredAt });
  if (through.last_day > day) streakDays.push({ day: addDays(day, 1), firstOccurredAt: through.next_first_at ?? occurredAt });
  const runLength = daysBetween(through.first_day, through.last_day) + 1;
  return {
    summary: {
      longestStreak: Math.max(learner.longest_streak, runLength),
      lastActiveDate: latest.last_day,
      runStartDate: latest.first_day,
    },
    streakDays,
  };
}
