import type { Sql } from "@/server/db";
import type { Difficulty, EventInput } from "@/server/schemas/events";
import type { EngineConfig } from "@/server/services/rules";
import { emptyCourse, lessonKey, type AppliedEvent, type LearnerState } from "./apply-event";
import { ledgerWrites } from "./ledger";
import type { Applied, LearnerRow } from "./types";

// What the rules read about the learners a request names, and the one statement that writes what applying
// its events changed. Both run inside the ingestion transaction, under the learners' row locks.

/** The catalogue's difficulty of the lessons (by lessonKey) and courses (by id) that events without one name. */
export type CatalogDifficulty = Map<string, Difficulty>;

/** An event as the rules pay it: without its own difficulty, its lesson's or course's from the catalogue (API.md Revision 2). */
export function withCatalogDifficulty(e: EventInput, catalog: CatalogDifficulty): EventInput {
  if (e.difficulty || !e.courseId) return e;
  const difficulty =
    e.type === "lesson.completed"
      ? catalog.get(lessonKey(e.courseId, e.lessonId!))
      : e.type === "course.completed"
        ? catalog.get(e.courseId)
        : undefined;
  return difficulty ? { ...e, difficulty } : e;
}

/**
 * The state of each learner the events name (totals from their locked row, and the rows the rules read), and
 * the catalogue's difficulty for events that carry none: one statement.
 */
export async function loadLearnerStates(
  sql: Sql,
  rows: LearnerRow[],
  events: EventInput[],
  pausedCourses: string[],
): Promise<{ learners: Map<string, LearnerState>; catalogDifficulty: CatalogDifficulty }> {
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
      runLength: r.run_length,
      freezesHeld: r.freezes_held,
      frozenDays: r.frozen_days,
      freezeGrants: r.freeze_grants,
      paidStreakDays: new Set(),
      pausedCoursesJoined: new Set(),
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
      lessons.set(`${learnerId}|${lessonKey(e.courseId, e.lessonId)}`, {
        learner_id: learnerId,
        course_id: e.courseId,
        lesson_id: e.lessonId,
      });
    }
  }
  const unrated = events.filter((e) => !e.difficulty);
  const unratedCourses = [...new Set(unrated.filter((e) => e.type === "course.completed").map((e) => e.courseId!))];
  const unratedLessons = unrated
    .filter((e) => e.type === "lesson.completed")
    .map((e) => ({ course_id: e.courseId!, lesson_id: e.lessonId! }));
  const state = await sql.query<{
    kind: "earned" | "day" | "course" | "completion" | "lesson" | "difficulty" | "paid" | "member";
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
     SELECT 'paid', p.learner_id, NULL, NULL, NULL, NULL, NULL, NULL, p.streak_day::text
     FROM ledger_entry p JOIN ls USING (learner_id) WHERE p.reason = 'streak.day'
     UNION ALL
     SELECT 'member', m.learner_id, m.course_id, NULL, NULL, NULL, NULL, NULL, NULL
     FROM learner_course m JOIN ls USING (learner_id) WHERE m.course_id = ANY($7::text[])
     UNION ALL
     SELECT 'course', lc.learner_id, lc.course_id, NULL, lc.lessons_completed, lc.first_activity_at, lc.completed_at, lc.perfect, NULL
     FROM learner_course lc JOIN pairs USING (learner_id, course_id)
     UNION ALL
     SELECT 'completion', e.learner_id, e.course_id, NULL, NULL, e.occurred_at, NULL, NULL, NULL
     FROM event e JOIN pairs USING (learner_id, course_id)
     WHERE e.type = 'course.completed' AND e.id <> ALL($4::text[])
     UNION ALL
     SELECT 'lesson', c.learner_id, c.course_id, c.lesson_id, NULL, NULL, NULL, NULL, NULL
     FROM lesson_completion c JOIN lessons USING (learner_id, course_id, lesson_id)
     UNION ALL
     SELECT 'difficulty', NULL, c.id, NULL, NULL, NULL, NULL, NULL, c.difficulty
     FROM course c WHERE c.id = ANY($5::text[]) AND c.difficulty IS NOT NULL
     UNION ALL
     SELECT 'difficulty', NULL, l.course_id, l.id, NULL, NULL, NULL, NULL, l.difficulty
     FROM lesson l JOIN (SELECT DISTINCT * FROM jsonb_to_recordset($6::jsonb) AS u(course_id text, lesson_id text)) u
       ON l.course_id = u.course_id AND l.id = u.lesson_id
     WHERE l.difficulty IS NOT NULL`,
    [
      rows.map((r) => r.id),
      JSON.stringify([...pairs.values()]),
      JSON.stringify([...lessons.values()]),
      events.map((e) => e.id),
      unratedCourses,
      JSON.stringify(unratedLessons),
      pausedCourses,
    ],
  );
  const byId = new Map([...learners.values()].map((l) => [l.id, l]));
  const courseOf = (l: LearnerState, courseId: string) => {
    let c = l.courses.get(courseId);
    if (!c) l.courses.set(courseId, (c = emptyCourse()));
    return c;
  };
  const catalogDifficulty: CatalogDifficulty = new Map();
  for (const s of state) {
    if (s.kind === "difficulty") {
      // The difficulty rides in the text column `day`.
      catalogDifficulty.set(s.lesson_id === null ? s.course_id! : lessonKey(s.course_id!, s.lesson_id), s.day as Difficulty);
      continue;
    }
    const l = byId.get(s.learner_id)!;
    if (s.kind === "earned") l.earned.add(s.n!);
    else if (s.kind === "day") l.days.set(s.day!, new Date(s.at1!));
    else if (s.kind === "paid") l.paidStreakDays.add(s.day!);
    else if (s.kind === "member") l.pausedCoursesJoined.add(s.course_id!);
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
  return { learners, catalogDifficulty };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Writes what applying the events changed: one statement (the ledger part shared with appendLedger). */
export async function writeChanges(sql: Sql, learners: LearnerState[], applied: Applied[], config: EngineConfig): Promise<void> {
  const completions = applied.flatMap(({ event, learner, effects: { newLesson } }) =>
    newLesson
      ? [
          {
            learner_id: learner.id,
            course_id: newLesson.courseId,
            lesson_id: newLesson.lessonId,
            event_id: event.id,
            occurred_at: event.occurredAt,
            points: newLesson.points,
          },
        ]
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
  const days = learners.flatMap((l) =>
    [...l.changedDays].map((day) => ({ learner_id: l.id, day, first_occurred_at: l.days.get(day)!.toISOString() })),
  );
  const earned = applied.flatMap(({ event, learner, effects }) =>
    effects.earned.map((a) => ({
      learner_id: learner.id,
      achievement_id: a.id,
      earned_at: event.occurredAt,
      points: a.points,
      event_id: event.id,
    })),
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
    run_length: l.runLength,
    freezes_held: l.freezesHeld,
    frozen_days: l.frozenDays,
  }));
  const outcomes = applied.map(({ event, effects }) => ({ id: event.id, outcome: effects.outcome }));
  const params = [completions, progress, days, earned, totals, outcomes].map((rows) => JSON.stringify(rows));
  const rowsOf = new Map(learners.map((l) => [l, [] as AppliedEvent["ledger"]]));
  for (const a of applied) rowsOf.get(a.learner)!.push(...a.effects.ledger);
  // The ledger's expressions read their parameters right after this statement's own.
  const ledger = ledgerWrites(
    learners.map((l) => ({ learnerId: l.id, userId: l.userId, rows: rowsOf.get(l)! })),
    config.settings.timezone,
    params.length + 1,
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
         run_start_date = x.run_start_date, run_length = x.run_length, freezes_held = x.freezes_held, frozen_days = x.frozen_days,
         updated_at = now()
       FROM jsonb_to_recordset($5::jsonb) AS x(id int, display_name text, timezone text, points int, achievement_points int,
         lessons_completed int, courses_completed int, perfect_courses int, longest_streak int, last_active_date date, run_start_date date,
         run_length int, freezes_held int, frozen_days jsonb)
       WHERE learner.id = x.id
     ), outcomes AS (
       UPDATE event SET outcome = x.outcome FROM jsonb_to_recordset($6::jsonb) AS x(id text, outcome jsonb) WHERE event.id = x.id
     ), ${ledger.ctes}
     SELECT (SELECT count(*) FROM earned)::int AS earned`,
    [...params, ...ledger.params],
  );
  // Every writer of learner_achievement holds the learner's lock and read under it: a refused row would mean
  // a write outside that rule, and points paid for a badge that was not recorded. Roll back instead.
  if (written!.earned !== earned.length) throw new Error("An achievement was earned concurrently outside the learner's lock.");
}
