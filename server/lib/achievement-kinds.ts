// The criterion kinds of DOMAIN.md "Achievements", one entry each: what the schemas, the admin form and the
// dashboard's sentences read. Pure and free of the database, so components import it too. The rules that
// judge a kind (live check, progress, backfill SQL) are its entry in server/services/achievements/kinds.ts,
// keyed by the same name: tsc refuses a kind declared here without its rules there.

/** The parameters a kind may take besides its threshold. */
export type CriterionParameter = "withinHours" | "period";

export const ACHIEVEMENT_PERIODS = ["weekly", "monthly", "any"] as const;
export type AchievementPeriod = (typeof ACHIEVEMENT_PERIODS)[number];

/** What a parameter stands for when a stored achievement lacks it. */
export const CRITERION_DEFAULTS = { withinHours: 24, period: "any" } as const satisfies {
  withinHours: number;
  period: AchievementPeriod;
};

export interface CriterionLike {
  kind: string;
  threshold: number;
  withinHours?: number;
  period?: string;
}

export interface KindDeclaration {
  /** The kind's name in the form's "Earned for" list. */
  label: string;
  /** What the form explains under that list. */
  help: string;
  /** What the threshold counts, as the form labels its field; null when the kind has none (stored as 1). */
  threshold: string | null;
  /** The parameter the kind takes besides the threshold, and the form's message when it is missing. */
  parameter?: { name: CriterionParameter; missing: string };
  /** The criterion as a sentence an admin reads: "Complete 10 lessons". */
  describe(c: CriterionLike): string;
  /** The form's placeholders for an achievement of this kind, so the hints match the chosen kind. */
  example: { name: string; key: string; description: string };
}

const numberFormat = new Intl.NumberFormat("en");
const plural = (n: number, one: string, many = `${one}s`) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;

const DECLARATIONS = {
  lessons_completed: {
    label: "Lessons completed",
    help: "Distinct lessons completed.",
    threshold: "Lessons",
    describe: (c) => `Complete ${plural(c.threshold, "lesson")}`,
    example: { name: "Five lessons", key: "lessons-5", description: "Complete five lessons." },
  },
  courses_completed: {
    label: "Courses completed",
    help: "Distinct courses completed.",
    threshold: "Courses",
    describe: (c) => `Complete ${plural(c.threshold, "course")}`,
    example: { name: "Three courses", key: "courses-3", description: "Complete three courses." },
  },
  streak_days: {
    label: "Streak",
    help: "The learner's longest streak of active days.",
    threshold: "Days in a row",
    describe: (c) => `Be active ${plural(c.threshold, "day")} in a row`,
    example: { name: "Ten-day streak", key: "streak-10", description: "Be active ten days in a row." },
  },
  total_points: {
    label: "Total points",
    help: "All-time points, not counting achievement points (so achievements never chain).",
    threshold: "Points",
    describe: (c) => `Earn ${plural(c.threshold, "point")} (achievement points excluded)`,
    example: { name: "A thousand points", key: "points-1000", description: "Earn 1,000 points from learning." },
  },
  perfect_course: {
    label: "Perfect courses",
    help: "Courses completed with a score of 100.",
    threshold: "Courses scored 100",
    describe: (c) => `Score 100 in ${plural(c.threshold, "course")}`,
    example: { name: "Perfect score", key: "perfect-course-1", description: "Score 100 in a course." },
  },
  speed_course: {
    label: "Speed course",
    help: "A course completed within a number of hours of the learner's first activity in it.",
    threshold: null,
    parameter: { name: "withinHours", missing: "is required for a speed achievement" },
    describe: (c) => `Finish a course within ${plural(c.withinHours ?? CRITERION_DEFAULTS.withinHours, "hour")} of starting it`,
    example: { name: "Fast finisher", key: "speed-course-24h", description: "Finish a course within a day of starting it." },
  },
  period_rank: {
    label: "Leaderboard rank",
    help: "Finish a closed week or month in the top N of the global leaderboard.",
    threshold: "Top N",
    parameter: { name: "period", missing: "is required for a rank achievement" },
    describe: (c) => {
      const when = c.period === "weekly" ? "a week" : c.period === "monthly" ? "a month" : "a week or month";
      return `Finish ${when} in the top ${numberFormat.format(c.threshold)} of the global board`;
    },
    example: { name: "Top three of the week", key: "top-3-weekly", description: "Finish a week in the top three." },
  },
} satisfies Record<string, KindDeclaration>;

export type AchievementKind = keyof typeof DECLARATIONS;
export const ACHIEVEMENT_KIND_DECLARATIONS: Record<AchievementKind, KindDeclaration> = DECLARATIONS;

/** Every kind, in the order the form lists them. */
export const ACHIEVEMENT_KINDS = Object.keys(DECLARATIONS) as [AchievementKind, ...AchievementKind[]];

/** A kind's declaration, or undefined for a name that is not a kind (own keys only, never "constructor"). */
export function declarationOf(kind: string): KindDeclaration | undefined {
  return Object.hasOwn(ACHIEVEMENT_KIND_DECLARATIONS, kind) ? ACHIEVEMENT_KIND_DECLARATIONS[kind as AchievementKind] : undefined;
}

/** A criterion's parameters as the kind takes them: only its own, with the default for one not stored. */
export function parametersOf(
  kind: string,
  stored: { withinHours?: number | null; period?: string | null },
): { withinHours?: number; period?: AchievementPeriod } {
  switch (declarationOf(kind)?.parameter?.name) {
    case "withinHours":
      return { withinHours: stored.withinHours ?? CRITERION_DEFAULTS.withinHours };
    case "period":
      return { period: (stored.period ?? CRITERION_DEFAULTS.period) as AchievementPeriod };
    default:
      return {};
  }
}
