import { z } from "zod";
import { ACHIEVEMENT_KIND_DECLARATIONS } from "@/server/lib/achievement-kinds";
import { JOB_IDS } from "@/server/lib/job-catalog";
import { achievementInputSchema, achievementKeySchema, achievementSchema } from "./achievements";
import { boardPageSchema, aroundPageSchema, periodSchema } from "./boards";
import { calendarDaySchema, externalIdSchema, timeZoneSchema, userIdSchema } from "./common";
import { learnerAchievementsSchema, statsSchema } from "./learners";
import { freeText } from "./text";

// Inputs and outputs of the dashboard's procedures (admin.*). Forms validate with the same schemas.

export const whoamiOutput = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
});

// --- Overview

export const overviewOutput = z.object({
  timezone: z.string(),
  today: z.string(),
  learners: z.number().int(),
  activeStreaks: z.number().int(),
  pointsAwarded: z.number(),
  eventsToday: z.number().int(),
  eventsThisWeek: z.number().int(),
  achievementsEarned: z.number().int(),
  eventsPerDay: z.array(z.object({ day: z.string(), events: z.number().int() })),
  pointsByType: z.array(z.object({ reason: z.string(), label: z.string(), points: z.number() })),
  achievementUnlocks: z.array(z.object({ key: z.string(), name: z.string(), active: z.boolean(), earned: z.number().int() })),
});

// --- Achievements

export const adminAchievementSchema = achievementSchema.extend({
  id: z.number().int(),
  active: z.boolean(),
  earnedBy: z.number().int(),
});

/** The form's rules beyond each field's own: the parameter each criterion kind needs. */
export const achievementFormSchema = achievementInputSchema.superRefine((v, ctx) => {
  const parameter = ACHIEVEMENT_KIND_DECLARATIONS[v.criterion.kind].parameter;
  if (parameter && v.criterion[parameter.name] === undefined) {
    ctx.addIssue({ code: "custom", path: ["criterion", parameter.name], message: parameter.missing });
  }
});

/** How a retroactive award went: how many learners received it, or null when Inngest is doing it. */
const awardOutcome = { awarded: z.number().int().nullable(), queued: z.boolean() };

export const createAchievementOutput = z.object({ achievement: achievementSchema, ...awardOutcome });
export const updateAchievementInput = achievementFormSchema;
export const setAchievementActiveInput = z.object({ key: achievementKeySchema, active: z.boolean() });
export const setAchievementActiveOutput = z.object({
  achievement: achievementSchema,
  active: z.boolean(),
  ...awardOutcome,
  /** Learners who held it before this change (awards are never taken back). */
  alreadyHeldBy: z.number().int(),
});

// --- Point rules

const pointValue = z
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(0, "must be 0 or more")
  .max(100_000, "must be at most 100000");

export const pointTableSchema = z.object({
  lessonEasy: pointValue,
  lessonMedium: pointValue,
  lessonHard: pointValue,
  courseEasy: pointValue,
  courseMedium: pointValue,
  courseHard: pointValue,
});

export const ruleValuesSchema = pointTableSchema.extend({ streakDayPoints: pointValue, loginPoints: pointValue });

export const pointRulesSchema = ruleValuesSchema.extend({
  timezone: z.string(),
  rulesVersion: z.number().int(),
  updatedAt: z.date(),
});

export const courseOverrideSchema = pointTableSchema.extend({
  courseId: z.string(),
  courseName: z.string().nullable(),
  updatedAt: z.date(),
});

export const pointRulesOutput = z.object({ rules: pointRulesSchema, overrides: z.array(courseOverrideSchema) });
export const updateRulesInput = ruleValuesSchema.partial();
export const courseOverrideInput = pointTableSchema.extend({ courseId: externalIdSchema.transform((s) => s.trim()) });
export const courseRefInput = z.object({ courseId: externalIdSchema });
export const setTimezoneInput = z.object({ timezone: timeZoneSchema });

// --- Leaderboards

const boardRef = {
  /** null: the global board. */
  courseId: externalIdSchema.nullable(),
  period: periodSchema,
  at: calendarDaySchema.optional(),
};
export const adminBoardInput = z.object({
  ...boardRef,
  limit: z.number().int().min(1).max(100),
  offset: z.number().int().min(0).max(10_000_000),
});
export const adminAroundInput = z.object({ ...boardRef, userId: userIdSchema, radius: z.number().int().min(0).max(25) });
export { boardPageSchema, aroundPageSchema };

export const boardPeriodsInput = z.object({ period: z.enum(["weekly", "monthly"]), count: z.number().int().min(1).max(104) });
export const boardPeriodsOutput = z.array(z.object({ start: z.string(), current: z.boolean(), closed: z.boolean() }));
/** The Leaderboards page: what the admin picked (`at` and `page` as asked; the service settles them). */
export const boardViewInput = z
  .object({ ...boardRef, learner: userIdSchema.optional(), page: z.number().int().min(1), limit: adminBoardInput.shape.limit })
  .refine((v) => (v.page - 1) * v.limit <= adminBoardInput.shape.offset.maxValue!, {
    path: ["page"],
    message: "is past the end of any board",
  });
export const boardViewOutput = z.object({
  periods: boardPeriodsOutput,
  selected: boardPeriodsOutput.element.nullable(),
  board: boardPageSchema,
  courseTitle: z.string().nullable(),
  me: z.string().nullable(),
  learnerMissing: z.enum(["unknown", "unranked"]).nullable(),
  nameMatches: z.number().int().nullable(),
});
export const coursesInput = z.object({ query: freeText().max(128).optional(), limit: z.number().int().min(1).max(500).optional() });
export const coursesOutput = z.array(z.object({ id: z.string(), name: z.string().nullable() }));

// --- Learners

export const learnerSearchInput = z.object({ query: freeText().max(128), limit: z.number().int().min(1).max(50).default(20) });
export const learnerSearchOutput = z.array(
  z.object({ userId: z.string(), displayName: z.string().nullable(), points: z.number().int(), lastActiveDate: z.string().nullable() }),
);
export const learnerRefInput = z.object({ userId: userIdSchema });
export { statsSchema, learnerAchievementsSchema };

export const ledgerInput = z.object({
  userId: userIdSchema,
  limit: z.number().int().min(1).max(100).default(25),
  before: z.string().regex(/^\d+$/, "must be a ledger row id").optional(),
});
export const ledgerOutput = z.object({
  lines: z.array(
    z.object({
      id: z.string(),
      points: z.number().int(),
      reason: z.string(),
      label: z.string(),
      occurredAt: z.string(),
      createdAt: z.string(),
      eventId: z.string().nullable(),
      courseId: z.string().nullable(),
      lessonId: z.string().nullable(),
      achievementKey: z.string().nullable(),
      note: z.string().nullable(),
      adminEmail: z.string().nullable(),
    }),
  ),
  nextBefore: z.string().nullable(),
});

export const activeDaysInput = z.object({ userId: userIdSchema, from: calendarDaySchema, to: calendarDaySchema });
export const activeDaysOutput = z.array(z.string());

export const adjustPointsInput = z.object({
  userId: userIdSchema,
  points: z
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(-1_000_000, "must be between -1000000 and 1000000")
    .max(1_000_000, "must be between -1000000 and 1000000")
    .refine((n) => n !== 0, "must not be 0"),
  reason: freeText().trim().min(1, "is required").max(500, "must be at most 500 characters"),
});
export const adjustPointsOutput = z.object({ points: z.number().int(), achievementsUnlocked: z.array(z.string()) });

// --- API keys

export const apiKeySummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export const createApiKeyInput = z.object({
  name: freeText().trim().min(1, "is required").max(100, "must be at most 100 characters"),
});
export const createdApiKeySchema = apiKeySummarySchema.extend({ key: z.string() });
export const apiKeyRefInput = z.object({ name: freeText().min(1).max(100) });

// --- Jobs

export const jobIdSchema = z.enum(JOB_IDS);
export const jobRunSchema = z.object({
  id: z.number().int(),
  job: z.string(),
  trigger: z.string(),
  status: z.string(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
});
export const jobsOutput = z.array(
  z.object({
    id: jobIdSchema,
    name: z.string(),
    schedule: z.string(),
    /** When its cron next falls (the same instants for Inngest and the built-in scheduler); null: on demand only. */
    nextRunAt: z.date().nullable(),
    description: z.string(),
    runs: z.array(jobRunSchema),
  }),
);
export const runJobInput = z.object({ job: jobIdSchema });
/**
 * Whether an Inngest server runs the jobs ("Run now" sends the job's event; Inngest runs the crons), or the app
 * does ("Run now" runs it in the web process and waits; the built-in scheduler runs the crons).
 */
export const jobRunnerOutput = z.object({ viaInngest: z.boolean() });
export const runJobOutput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("queued"), events: z.number().int() }),
  z.object({ mode: z.literal("ran"), result: z.unknown() }),
]);

// --- Audit log

export const AUDIT_CATEGORY_VALUES = [
  "rules",
  "achievements",
  "adjustments",
  "api-keys",
  "levels",
  "streaks",
  "credentials",
  "privacy",
] as const;
export const auditInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  before: z.string().regex(/^\d+$/, "must be an audit row id").optional(),
  category: z.enum(AUDIT_CATEGORY_VALUES).optional(),
  target: freeText().max(200).optional(),
});
export const auditOutput = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      createdAt: z.date(),
      adminId: z.number().int().nullable(),
      actor: z.string(),
      action: z.string(),
      target: z.string().nullable(),
      details: z.unknown(),
    }),
  ),
  nextBefore: z.string().nullable(),
});
