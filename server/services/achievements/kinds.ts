import type { Achievement } from "@prisma/client";
import { CRITERION_DEFAULTS, declarationOf, type AchievementKind } from "@/server/lib/achievement-kinds";
import { globalTopLearnersSql } from "@/server/services/leaderboards";

// The rules of each criterion kind, one entry per kind declared in server/lib/achievement-kinds.ts (the
// Record type makes tsc ask for the entry of a new kind): when it holds at an event, how far a learner is
// from it, and which learners already qualify when it is created or re-activated (the backfill).

/** What threshold criteria read: a learner's running totals. */
export interface LearnerProgress {
  lessonsCompleted: number;
  coursesCompleted: number;
  longestStreak: number;
  /** All-time points without achievement points, so achievements cannot chain. */
  activityPoints: number;
  perfectCourses: number;
}

/** What one event made known beyond the totals (apply-event.ts); absent outside ingestion. */
export interface EventFacts {
  /** The shortest time from a start to a completion in the course the event touched, when it must be judged. */
  speedGapMs: number | null;
}

type Criterion = Pick<Achievement, "kind" | "threshold" | "withinHours" | "period">;

interface KindRules {
  /** At an event or a manual adjustment. period_rank never holds here: the period close awards it (periods.ts). */
  holds(a: Criterion, progress: LearnerProgress, event: EventFacts): boolean;
  /** Where a learner stands, for learner views. */
  progress(a: Criterion, progress: LearnerProgress): { current: number; target: number };
  /** The backfill's condition on learner `l`; `bind` adds a query parameter and returns its placeholder. */
  qualifies(a: Criterion, bind: (value: unknown) => string): string;
}

/** A count of the learner's totals reaching the threshold; `column` is the same count on the learner row. */
function atLeast(value: (p: LearnerProgress) => number, column: string): KindRules {
  return {
    holds: (a, p) => value(p) >= a.threshold,
    progress: (a, p) => ({ current: Math.min(value(p), a.threshold), target: a.threshold }),
    qualifies: (a, bind) => `${column} >= ${bind(a.threshold)}`,
  };
}

/** Kinds earned at a moment rather than counted: learner views show them as not started, out of 1. */
const notCounted = () => ({ current: 0, target: 1 });

const KIND_RULES: Record<AchievementKind, KindRules> = {
  lessons_completed: atLeast((p) => p.lessonsCompleted, "l.lessons_completed"),
  courses_completed: atLeast((p) => p.coursesCompleted, "l.courses_completed"),
  streak_days: atLeast((p) => p.longestStreak, "l.longest_streak"),
  total_points: atLeast((p) => p.activityPoints, "(l.points - l.achievement_points)"),
  perfect_course: atLeast((p) => p.perfectCourses, "l.perfect_courses"),
  speed_course: {
    holds: (a, _p, e) => e.speedGapMs !== null && e.speedGapMs <= (a.withinHours ?? CRITERION_DEFAULTS.withinHours) * 3_600_000,
    progress: notCounted,
    qualifies: (a, bind) => `EXISTS (
      SELECT 1 FROM learner_course lc JOIN event e
        ON e.learner_id = lc.learner_id AND e.course_id = lc.course_id AND e.type = 'course.completed'
      WHERE lc.learner_id = l.id AND lc.first_activity_at IS NOT NULL
        AND e.occurred_at > lc.first_activity_at
        AND e.occurred_at <= lc.first_activity_at + make_interval(hours => ${bind(a.withinHours ?? CRITERION_DEFAULTS.withinHours)}::int))`,
  },
  period_rank: {
    holds: () => false,
    progress: notCounted,
    qualifies: (a, bind) => {
      const top = bind(a.threshold);
      const period = bind(a.period ?? CRITERION_DEFAULTS.period);
      // The winners of every closed period of that kind, from its frozen global board (periods.ts).
      return `l.id IN (
      SELECT top.learner_id FROM period_close pc,
        LATERAL (${globalTopLearnersSql("pc.period", "pc.period_start", `${top}::int`)}) top
      WHERE ${period} = 'any' OR pc.period = ${period})`;
    },
  },
};

const rulesOf = (kind: string): KindRules | undefined => (declarationOf(kind) ? KIND_RULES[kind as AchievementKind] : undefined);

const NO_EVENT: EventFacts = { speedGapMs: null };

/** Whether an achievement's criterion holds now, from the learner's totals and what the event made known. */
export function criterionHolds(a: Criterion, progress: LearnerProgress, event: EventFacts = NO_EVENT): boolean {
  return rulesOf(a.kind)?.holds(a, progress, event) ?? false;
}

/** Progress toward an achievement not yet earned, for learner views. */
export function progressToward(a: Criterion, progress: LearnerProgress): { current: number; target: number } {
  return rulesOf(a.kind)?.progress(a, progress) ?? { current: 0, target: a.threshold };
}

/** The SQL condition on learner `l` that says they qualify; undefined for a kind that does not exist. */
export function qualifyingCondition(a: Criterion, bind: (value: unknown) => string): string | undefined {
  return rulesOf(a.kind)?.qualifies(a, bind);
}
