import type { Achievement } from "@prisma/client";
import type { EventInput, EventOutcome } from "@/server/schemas/events";
import { criterionHolds, type LearnerProgress } from "@/server/services/achievements/kinds";
import { dayInZone } from "@/server/lib/calendar";
import type { LedgerRow } from "./ledger";
import { levelUpOf, type LevelUp } from "@/server/services/levels";
import { activityPoints, type EngineConfig } from "@/server/services/rules";
import { readStreak, type StreakSummary } from "@/server/services/streaks";
import { walkStreak } from "@/server/services/streak-timeline";

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
  /** Streak protection (streak-timeline.ts): the run's active days, freezes held, frozen days, admins' grants. */
  runLength: number;
  freezesHeld: number;
  frozenDays: string[];
  freezeGrants: string[];
  /** Days whose streak-day points are paid (never paid twice, never taken back). */
  paidStreakDays: Set<string>;
  /** Courses with a pause in which the learner has activity (besides the ones the events name, in `courses`). */
  pausedCoursesJoined: Set<string>;
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
  /** The level the event took the learner to (for the level.reached webhook), when it is a higher one. */
  levelUp: LevelUp | null;
}

/** Applies one new event to a learner's state (which it updates) and returns its effects. */
export function applyEvent(learner: LearnerState, e: EventInput, config: EngineConfig, now: Date): AppliedEvent {
  const occurredAt = new Date(e.occurredAt);
  const streakBefore: StreakSummary = {
    longestStreak: learner.longestStreak,
    lastActiveDate: learner.lastActiveDate,
    runStartDate: learner.runStartDate,
    runLength: learner.runLength,
    freezesHeld: learner.freezesHeld,
    frozenDays: learner.frozenDays,
    freezeGrants: learner.freezeGrants,
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
  for (const award of markActiveDay(learner, dayInZone(occurredAt, zone), occurredAt, config)) {
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
  const levelUp = levelUpOf(config.levels, learner.points, learner.points + pointsAwarded);
  learner.points += pointsAwarded;
  learner.achievementPoints += earned.reduce((n, a) => n + a.points, 0);
  const keyOf = new Map(earned.map((a) => [a.id, a.key]));
  const view = readStreak(learner, zone, now, protectionOf(learner, config));
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
    levelUp: levelUp && { from: levelUp.from, to: levelUp.to.number },
  };
  return { outcome, ledger, earned, newLesson: activity.newLesson, streakBefore, zone, levelUp };
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

/** The pauses and freeze rules, and the paused courses this learner belongs to. */
export function protectionOf(learner: LearnerState, config: EngineConfig) {
  const memberOf = new Set(learner.pausedCoursesJoined);
  for (const p of config.pauses) if (p.courseId !== null && learner.courses.has(p.courseId)) memberOf.add(p.courseId);
  return { rules: { freezeEvery: config.settings.freezeEvery, freezeMax: config.settings.freezeMax, pauses: config.pauses }, memberOf };
}

/**
 * Marks the day active and walks the learner's days again (streak-timeline.ts): every day that now earns the
 * streak-day points and was not paid yet is paid, so the total follows the days, pauses and freezes, whatever
 * the arrival order (README: the one exception). Returns the streak days earned.
 */
function markActiveDay(
  learner: LearnerState,
  day: string,
  occurredAt: Date,
  config: EngineConfig,
): { day: string; firstOccurredAt: Date }[] {
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

  const { rules, memberOf } = protectionOf(learner, config);
  const timeline = walkStreak(learner.days.keys(), { grants: learner.freezeGrants, memberOf }, rules);
  const awards = [...timeline.earning]
    .filter((d) => !learner.paidStreakDays.has(d))
    .sort()
    .map((d) => ({ day: d, firstOccurredAt: learner.days.get(d)! }));
  for (const a of awards) learner.paidStreakDays.add(a.day);
  // Nothing earned is taken back: the longest run only grows.
  learner.longestStreak = Math.max(learner.longestStreak, timeline.longest);
  learner.lastActiveDate = timeline.lastActiveDate;
  learner.runStartDate = timeline.runStartDate;
  learner.runLength = timeline.runLength;
  learner.freezesHeld = timeline.held;
  learner.frozenDays = timeline.frozen;
  return awards;
}
