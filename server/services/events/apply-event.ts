import type { Achievement } from "@prisma/client";
import type { EventInput, EventOutcome } from "@/server/schemas/events";
import { criterionHolds, type LearnerProgress } from "@/server/services/achievements/kinds";
import { addDays, dayInZone, daysBetween } from "@/server/lib/calendar";
import type { LedgerRow } from "./ledger";
import { activityPoints, type EngineConfig } from "@/server/services/rules";
import { readStreak, type StreakSummary } from "@/server/services/streaks";

// The rules of one event, applied to a learner's state in memory: points (once per lesson and course),
// active days and streak-day points, achievements, and the outcome of API.md. No I/O: ingestion
// (ingest.ts) reads the state of every learner a request names, applies the request's events in order,
// and writes what changed in one statement, whether the request carries one event or five hundred.

/** A learner's progress in one course. */
export interface CourseState {
  /** Earliest course.started or lesson (ms since epoch). */
  firstActivityAt: number | null;
  /** The completion received first (it earned the course's points). */
  completedAt: number | null;
  perfect: boolean;
  lessonsCompleted: number;
  /** Every course.completed known for the learner in this course (for speed_course). */
  completions: number[];
  changed: boolean;
}

export interface LearnerState {
  id: number;
  userId: string;
  displayName: string | null;
  timezone: string | null;
  points: number;
  achievementPoints: number;
  lessonsCompleted: number;
  coursesCompleted: number;
  perfectCourses: number;
  longestStreak: number;
  lastActiveDate: string | null;
  runStartDate: string | null;
  earned: Set<number>;
  /** Active days and the first known moment of each. */
  days: Map<string, Date>;
  /** Days added or moved earlier by the events applied (to be written). */
  changedDays: Set<string>;
  /** Courses the events named (loaded with their progress, if any). */
  courses: Map<string, CourseState>;
  /** Lessons completed, as `course \u0000 lesson`, among the ones the events name. */
  lessonsDone: Set<string>;
}

export const lessonKey = (courseId: string, lessonId: string) => `${courseId}\u0000${lessonId}`;

export function emptyCourse(): CourseState {
  return { firstActivityAt: null, completedAt: null, perfect: false, lessonsCompleted: 0, completions: [], changed: false };
}

/** What applying one event produced, besides the new state. */
export interface AppliedEvent {
  outcome: EventOutcome;
  /** Ledger rows, in award order (zero-point rows included; they are not written). */
  ledger: LedgerRow[];
  earned: Achievement[];
  /** The lesson this event completed first, with the points it earned. */
  newLesson: { courseId: string; lessonId: string; points: number } | null;
  /** For webhooks: the streak before the event, and the zone the learner's days are counted in. */
  streakBefore: StreakSummary;
  zone: string;
}

/** Applies one new event to a learner's state (which it updates) and returns its effects. */
export function applyEvent(learner: LearnerState, e: EventInput, config: EngineConfig, now: Date): AppliedEvent {
  const occurredAt = new Date(e.occurredAt);
  const streakBefore: StreakSummary = {
    longestStreak: learner.longestStreak,
    lastActiveDate: learner.lastActiveDate,
    runStartDate: learner.runStartDate,
  };
  // A zone sent with the event applies to this event's day and later ones, never to past days.
  const zone = e.user?.timezone ?? learner.timezone ?? config.settings.timezone;
  learner.timezone = e.user?.timezone ?? learner.timezone;
  learner.displayName = e.user?.displayName ?? learner.displayName;

  const ledger: LedgerRow[] = [];
  const activity = applyActivity(learner, e, occurredAt.getTime(), config);
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
  for (const award of markActiveDay(learner, dayInZone(occurredAt, zone), occurredAt)) {
    ledger.push({
      points: config.settings.streakDayPoints,
      reason: "streak.day",
      occurredAt: award.firstOccurredAt,
      eventId: e.id,
      streakDay: award.day,
    });
  }

  // Achievements whose criterion now holds and that the learner lacks, earned at this event.
  const activityPointsAwarded = ledger.reduce((n, r) => n + r.points, 0);
  const progress: LearnerProgress = {
    lessonsCompleted: learner.lessonsCompleted,
    coursesCompleted: learner.coursesCompleted,
    longestStreak: learner.longestStreak,
    activityPoints: learner.points - learner.achievementPoints + activityPointsAwarded,
    perfectCourses: learner.perfectCourses,
  };
  const unearned = config.activeAchievements.filter((a) => !learner.earned.has(a.id));
  const earned = unearned.filter((a) => criterionHolds(a, progress, { speedGapMs: activity.speedGapMs }));
  for (const a of earned) {
    learner.earned.add(a.id);
    ledger.push({ points: a.points, reason: "achievement", occurredAt, eventId: e.id, achievementId: a.id });
  }

  const pointsAwarded = ledger.reduce((n, r) => n + r.points, 0);
  learner.points += pointsAwarded;
  learner.achievementPoints += earned.reduce((n, a) => n + a.points, 0);
  const keyOf = new Map(earned.map((a) => [a.id, a.key]));
  const view = readStreak(learner, zone, now);
  const outcome: EventOutcome = {
    eventId: e.id,
    duplicate: false,
    pointsAwarded,
    awards: ledger
      .filter((r) => r.points !== 0)
      .map((r) => ({ reason: r.reason === "achievement" ? `achievement:${keyOf.get(r.achievementId!)}` : r.reason, points: r.points })),
    achievementsUnlocked: earned.map((a) => ({ key: a.key, name: a.name, points: a.points })),
    streak: { current: view.current, longest: view.longest },
    totals: { points: learner.points, lessonsCompleted: learner.lessonsCompleted, coursesCompleted: learner.coursesCompleted },
  };
  return { outcome, ledger, earned, newLesson: activity.newLesson, streakBefore, zone };
}

interface Activity {
  points: number;
  newLesson: AppliedEvent["newLesson"];
  /** Set when a speed_course criterion must be judged: the shortest completion time in the course. */
  speedGapMs: number | null;
}

/** Lesson, course and learner-course bookkeeping for one event, and the activity points it earns. */
function applyActivity(learner: LearnerState, e: EventInput, at: number, config: EngineConfig): Activity {
  if (e.type === "user.login") return { points: activityPoints(config, e.type, undefined, undefined), newLesson: null, speedGapMs: null };
  const courseId = e.courseId!;
  let course = learner.courses.get(courseId);
  if (!course) learner.courses.set(courseId, (course = emptyCourse()));
  course.changed = true;
  const isLesson = e.type === "lesson.completed";
  const isCompletion = e.type === "course.completed";
  let points = 0;
  let newLesson: Activity["newLesson"] = null;

  // The first completion received earns the points (DOMAIN.md: the one exception to order-independence).
  if (isLesson) {
    const key = lessonKey(courseId, e.lessonId!);
    if (!learner.lessonsDone.has(key)) {
      learner.lessonsDone.add(key);
      learner.lessonsCompleted += 1;
      course.lessonsCompleted += 1;
      points = activityPoints(config, e.type, courseId, e.difficulty);
      newLesson = { courseId, lessonId: e.lessonId!, points };
    }
  }
  let firstChanged = false;
  if ((isLesson || e.type === "course.started") && (course.firstActivityAt === null || at < course.firstActivityAt)) {
    course.firstActivityAt = at;
    firstChanged = true;
  }
  if (isCompletion) {
    course.completions.push(at);
    if (course.completedAt === null) {
      course.completedAt = at;
      learner.coursesCompleted += 1;
      points = activityPoints(config, e.type, courseId, e.difficulty);
    }
    // Any completion scored 100 makes the course perfect (so a perfect retake counts, in any order).
    if (e.score === 100 && !course.perfect) {
      course.perfect = true;
      learner.perfectCourses += 1;
    }
  }

  // speed_course is judged when a completion or an earlier start becomes known (a late course.started
  // counts too): a completion within the window after the earliest start or lesson strictly before it.
  let speedGapMs: number | null = null;
  const first = course.firstActivityAt;
  if (first !== null && course.completedAt !== null && (isCompletion || firstChanged)) {
    for (const t of course.completions) if (t > first && (speedGapMs === null || t - first < speedGapMs)) speedGapMs = t - first;
  }
  return { points, newLesson, speedGapMs };
}

/**
 * Marks the day active. A new day earns streak-day points for itself if the day before is active, and for
 * the day after if that one is active (a late event that fills a gap), so the total is order-independent:
 * 5 x |{d in D : d-1 in D}| whatever the arrival order. Returns the streak days earned.
 */
function markActiveDay(learner: LearnerState, day: string, occurredAt: Date): { day: string; firstOccurredAt: Date }[] {
  const known = learner.days.get(day);
  if (known) {
    // An earlier event of a known day moves the day's first moment; its streak-day row keeps its date.
    if (occurredAt < known) {
      learner.days.set(day, occurredAt);
      learner.changedDays.add(day);
    }
    return [];
  }
  learner.days.set(day, occurredAt);
  learner.changedDays.add(day);

  const awards: { day: string; firstOccurredAt: Date }[] = [];
  const before = addDays(day, -1);
  const after = addDays(day, 1);
  if (learner.days.has(before)) awards.push({ day, firstOccurredAt: occurredAt });
  if (learner.days.has(after)) awards.push({ day: after, firstOccurredAt: learner.days.get(after)! });

  // The run of consecutive days through the new day, and the latest run (which it may have joined).
  let runFirst = day;
  while (learner.days.has(addDays(runFirst, -1))) runFirst = addDays(runFirst, -1);
  let runLast = day;
  while (learner.days.has(addDays(runLast, 1))) runLast = addDays(runLast, 1);
  learner.longestStreak = Math.max(learner.longestStreak, daysBetween(runFirst, runLast) + 1);
  if (learner.lastActiveDate === null || runLast >= learner.lastActiveDate) {
    learner.lastActiveDate = runLast;
    learner.runStartDate = runFirst;
  }
  return awards;
}
