import { dayInZone, daysBetween } from "@/server/lib/calendar";
import { readProtected, type ProtectionRules } from "./streak-timeline";

/** The summary kept on the learner row: enough to read the current streak at any moment without a job. */
export interface StreakSummary {
  longestStreak: number;
  lastActiveDate: string | null;
  /** First day of the run of consecutive active days that ends on lastActiveDate. */
  runStartDate: string | null;
  /** Streak protection (streak-timeline.ts): the run's active days, freezes held after lastActiveDate, frozen days, grants. */
  runLength?: number;
  freezesHeld?: number;
  frozenDays?: string[];
  freezeGrants?: string[];
}

export interface StreakView {
  current: number;
  longest: number;
  lastActiveDate: string | null;
  activeToday: boolean;
  freezes: { available: number; usedOn: string[] };
}

/** What reading a protected streak needs besides the summary: the rules and the learner's paused courses. */
export interface StreakProtection {
  rules: ProtectionRules;
  memberOf: ReadonlySet<string>;
}

/**
 * The current streak: the run ending today or yesterday in the learner's zone (missed days since covered by
 * freezes, paused days skipped), else 0. A last active day after "today" (an event a few minutes ahead of our
 * clock, or an east-ward zone) still counts.
 */
export function readStreak(summary: StreakSummary, zone: string, now: Date, protection?: StreakProtection): StreakView {
  const today = dayInZone(now, zone);
  const { lastActiveDate: last, runStartDate: start } = summary;
  const runLength = summary.runLength ?? (last && start ? daysBetween(start, last) + 1 : 0);
  const reading = readProtected(
    {
      lastActiveDate: last,
      runLength,
      freezesHeld: summary.freezesHeld ?? 0,
      frozenDays: summary.frozenDays ?? [],
      freezeGrants: summary.freezeGrants ?? [],
    },
    today,
    protection?.rules ?? { freezeEvery: 0, freezeMax: 0, pauses: [] },
    protection?.memberOf ?? new Set(),
  );
  return {
    current: reading.current,
    longest: summary.longestStreak,
    lastActiveDate: last,
    activeToday: last !== null && last >= today,
    freezes: { available: reading.available, usedOn: reading.usedOn },
  };
}
