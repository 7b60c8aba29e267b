import { dayInZone, daysBetween } from "@/server/lib/calendar";

/** The summary kept on the learner row: enough to read the current streak at any moment without a job. */
export interface StreakSummary {
  longestStreak: number;
  lastActiveDate: string | null;
  /** First day of the run of consecutive active days that ends on lastActiveDate. */
  runStartDate: string | null;
}

export interface StreakView {
  current: number;
  longest: number;
  lastActiveDate: string | null;
  activeToday: boolean;
}

/**
 * The current streak: consecutive active days ending today or yesterday in the learner's zone, else 0.
 * A last active day after "today" (an event a few minutes ahead of our clock, or an east-ward zone) still counts.
 */
export function readStreak(summary: StreakSummary, zone: string, now: Date): StreakView {
  const today = dayInZone(now, zone);
  const { lastActiveDate: last, runStartDate: start } = summary;
  let current = 0;
  if (last && start && daysBetween(last, today) <= 1) current = daysBetween(start, last) + 1;
  return {
    current,
    longest: summary.longestStreak,
    lastActiveDate: last,
    activeToday: last !== null && last >= today,
  };
}
