import { z } from "zod";
import { periodSchema } from "./boards";
import { learnerAchievementsSchema, learnerStreakSchema, statsSchema } from "./learners";
import { levelSchema } from "./levels";
import { idText } from "./text";

// What a learner's own browser may see. Inputs are strict: no procedure takes a user id, and an attempt to pass
// one is a 400 rather than silently ignored. Board entries of other learners carry no user id (an LMS's user ids
// can be e-mail addresses or employee numbers): rank, display name, points, and whether the row is the viewer's.

export const boardScopeSchema = z.enum(["global", "course"], { message: "must be global or course" });

export const embedBoardInput = z
  .object({
    period: periodSchema.default("all-time"),
    scope: boardScopeSchema.default("global"),
    limit: z.number().int().min(1).max(50).default(10),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const embedAroundInput = z
  .object({
    period: periodSchema.default("all-time"),
    scope: boardScopeSchema.default("global"),
    radius: z.number().int().min(0).max(10).default(3),
  })
  .strict();

export const embedEntrySchema = z.object({
  rank: z.number().int(),
  displayName: z.string(),
  points: z.number().int(),
  isMe: z.boolean(),
});

export const embedBoardSchema = z.object({
  scope: boardScopeSchema,
  courseId: z.string().nullable(),
  period: periodSchema,
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  total: z.number().int(),
  offset: z.number().int(),
  entries: z.array(embedEntrySchema),
  /** The viewer's own standing on this board; null when they have no points on it. */
  me: z.object({ rank: z.number().int(), points: z.number().int() }).nullable(),
});

export const embedProfileSchema = z.object({
  stats: statsSchema,
  achievements: learnerAchievementsSchema,
});

export const earnedBadgeSchema = learnerAchievementsSchema.shape.earned.element;

export const embedViewerSchema = z.object({
  /** The learner's display name; null when they have none (or no event yet): the views then say "You". */
  displayName: z.string().nullable(),
  courseId: z.string().nullable(),
  /** The title of the course the view was opened from, when the catalogue knows one. */
  courseTitle: z.string().nullable(),
  /** Earned achievements not announced yet. */
  unseen: z.array(earnedBadgeSchema),
  /** The level reached and not announced yet (once, like a badge); null when there is no news. */
  newLevel: levelSchema.nullable(),
});

export const embedStreakSchema = z.object({
  streak: learnerStreakSchema,
  /** Today in the learner's zone. */
  today: z.string(),
  /** Monday to Sunday of this week (learner's zone), each marked active or not. */
  week: z.array(z.object({ day: z.string(), active: z.boolean() })),
  /** The learner's level, shown beside the streak. */
  level: levelSchema,
});

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month YYYY-MM" });

export const embedActiveDaysInput = z.object({ month: monthSchema }).strict();
export const embedActiveDaysSchema = z.object({ month: monthSchema, days: z.array(z.string()) });

export const embedLedgerInput = z
  .object({
    limit: z.number().int().min(1).max(50).default(20),
    before: z
      .string()
      .regex(/^\d{1,19}$/, { message: "must be a ledger row id" })
      .optional(),
  })
  .strict();

export const embedLedgerLineSchema = z.object({
  id: z.string(),
  points: z.number().int(),
  reason: z.string(),
  label: z.string(),
  occurredAt: z.string(),
  courseId: z.string().nullable(),
  achievementKey: z.string().nullable(),
});

export const embedLedgerSchema = z.object({ lines: z.array(embedLedgerLineSchema), nextBefore: z.string().nullable() });

export const embedMarkSeenInput = z.object({ keys: z.array(idText(64)).min(1).max(100, "must hold at most 100 keys") }).strict();
/** The total the announced level was read at (embedViewerSchema.newLevel.points). */
export const embedMarkLevelSeenInput = z.object({ points: z.number().int().min(0).max(2_147_483_647) }).strict();

export type EmbedBoard = z.infer<typeof embedBoardSchema>;
export type EmbedEntry = z.infer<typeof embedEntrySchema>;
export type EmbedViewerInfo = z.infer<typeof embedViewerSchema>;
export type EmbedProfile = z.infer<typeof embedProfileSchema>;
export type EmbedStreak = z.infer<typeof embedStreakSchema>;
export type EmbedLedger = z.infer<typeof embedLedgerSchema>;
export type EmbedLedgerLine = z.infer<typeof embedLedgerLineSchema>;
export type EarnedBadge = z.infer<typeof earnedBadgeSchema>;
export type BoardScope = z.infer<typeof boardScopeSchema>;
