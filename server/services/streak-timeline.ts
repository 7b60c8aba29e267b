import { addDays } from "@/server/lib/calendar";

// Streak protection (DOMAIN.md Revision 2) as a pure function of a learner's active days, the freezes granted
// to them, the pauses and the freeze rules: walked in day order, so the result never depends on arrival order.
// - A day in an organisation-wide pause is neutral: it neither breaks nor extends a run, and earns nothing.
// - A day in a course's pause is neutral for a learner of that course (any event in it) who was not active
//   that day; a day they were active anyway counts as usual (the streak is the learner's, not the course's).
// - Every `freezeEvery` active days earn a freeze (none while `freezeMax` are held; 0 turns earning off). An
//   admin's grant is held from the end of the day it is given, beyond the maximum.
// - A missed day of a live run uses a held freeze: the run continues, the day earns nothing, and the next
//   active day earns its streak-day points as if the frozen day had been active.

export interface StreakPause {
  id: number;
  /** null: organisation-wide. */
  courseId: string | null;
  startsOn: string;
  endsOn: string;
}

export interface ProtectionRules {
  freezeEvery: number;
  freezeMax: number;
  pauses: StreakPause[];
}

/** What the walk needs about one learner besides their active days. */
export interface ProtectionFacts {
  /** Days (learner's zone) on which an admin granted a freeze; one entry per freeze. */
  grants: string[];
  /** Courses with a pause in which the learner has any activity. */
  memberOf: ReadonlySet<string>;
}

export interface StreakTimeline {
  /** Active days that earn the streak-day points. */
  earning: Set<string>;
  /** Missed days covered by a freeze, in day order. */
  frozen: string[];
  /** Freezes held at the end of the last active day. */
  held: number;
  lastActiveDate: string | null;
  /** The first active day of the run that ends on lastActiveDate, and its number of active days. */
  runStartDate: string | null;
  runLength: number;
  longest: number;
}

/** True when the day neither breaks nor extends the learner's run. */
export function isNeutralDay(day: string, active: boolean, rules: ProtectionRules, memberOf: ReadonlySet<string>): boolean {
  return rules.pauses.some((p) => day >= p.startsOn && day <= p.endsOn && (p.courseId === null || (!active && memberOf.has(p.courseId))));
}

/** The learner's streak in day order, from their first active day to their last. */
export function walkStreak(activeDays: Iterable<string>, facts: ProtectionFacts, rules: ProtectionRules): StreakTimeline {
  const active = new Set(activeDays);
  const sorted = [...active].sort();
  const timeline: StreakTimeline = {
    earning: new Set(),
    frozen: [],
    held: 0,
    lastActiveDate: null,
    runStartDate: null,
    runLength: 0,
    longest: 0,
  };
  if (sorted.length === 0) return timeline;
  const grants = grantsByDay(facts.grants);
  const last = sorted.at(-1)!;
  let progress = 0;
  let previous: "none" | "active" | "frozen" = "none";
  // Grants before the first active day are held when the walk starts.
  for (const [day, n] of grants) if (day < sorted[0]!) timeline.held += n;
  for (let day = sorted[0]!; day <= last; day = addDays(day, 1)) {
    const isActive = active.has(day);
    if (!isNeutralDay(day, isActive, rules, facts.memberOf)) {
      if (isActive) {
        if (previous === "none") {
          timeline.runStartDate = day;
          timeline.runLength = 0;
        } else timeline.earning.add(day);
        timeline.runLength += 1;
        timeline.longest = Math.max(timeline.longest, timeline.runLength);
        previous = "active";
        if (rules.freezeEvery > 0 && ++progress === rules.freezeEvery) {
          progress = 0;
          if (timeline.held < rules.freezeMax) timeline.held += 1;
        }
      } else if (previous !== "none" && timeline.held > 0) {
        timeline.held -= 1;
        timeline.frozen.push(day);
        previous = "frozen";
      } else previous = "none";
    }
    timeline.held += grants.get(day) ?? 0;
  }
  timeline.lastActiveDate = last;
  return timeline;
}

/** The stored summary a streak is read from at any moment (no job needed). */
export interface ProtectedSummary {
  lastActiveDate: string | null;
  runLength: number;
  freezesHeld: number;
  frozenDays: string[];
  freezeGrants: string[];
}

export interface ProtectedReading {
  current: number;
  available: number;
  usedOn: string[];
}

/**
 * Continues the walk from the last active day to `today`: missed days up to yesterday use held freezes (and
 * those granted meanwhile); today is not missed yet. A run that a missed day breaks reads 0.
 */
export function readProtected(
  summary: ProtectedSummary,
  today: string,
  rules: ProtectionRules,
  memberOf: ReadonlySet<string>,
): ProtectedReading {
  const grants = grantsByDay(summary.freezeGrants);
  const last = summary.lastActiveDate;
  if (last === null) return { current: 0, available: sumGrants(grants, null, today), usedOn: [] };
  let held = summary.freezesHeld;
  let alive = summary.runLength > 0;
  const used: string[] = [];
  for (let day = addDays(last, 1); day <= today; day = addDays(day, 1)) {
    if (day < today && alive && !isNeutralDay(day, false, rules, memberOf)) {
      if (held > 0) {
        held -= 1;
        used.push(day);
      } else alive = false;
    }
    held += grants.get(day) ?? 0;
  }
  return { current: alive ? summary.runLength : 0, available: held, usedOn: [...summary.frozenDays, ...used] };
}

function grantsByDay(grants: string[]): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const g of grants) byDay.set(g, (byDay.get(g) ?? 0) + 1);
  return byDay;
}

function sumGrants(grants: Map<string, number>, after: string | null, through: string): number {
  let n = 0;
  for (const [day, count] of grants) if ((after === null || day > after) && day <= through) n += count;
  return n;
}
