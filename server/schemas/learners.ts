import { z } from "zod";
import { displayNameSchema, timeZoneSchema, userIdSchema } from "./common";
import { levelSchema } from "./levels";
import { idText } from "./text";

export const userRefInput = z.object({ userId: userIdSchema });

export const streakSchema = z.object({
  current: z.number().int(),
  longest: z.number().int(),
  lastActiveDate: z.string().nullable(),
  activeToday: z.boolean(),
  /** Streak freezes (API.md Revision 2): held now, and the missed days they covered. */
  freezes: z.object({ available: z.number().int(), usedOn: z.array(z.string()) }),
});

export const statsSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  timezone: z.string(),
  points: z.object({ allTime: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
  rank: z.object({ allTime: z.number().int().nullable(), weekly: z.number().int().nullable(), monthly: z.number().int().nullable() }),
  lessonsCompleted: z.number().int(),
  coursesCompleted: z.number().int(),
  streak: streakSchema,
  achievementsEarned: z.number().int(),
  /** The level of the all-time total (API.md Revision 2 "Levels"). */
  level: levelSchema,
});

export const learnerStreakSchema = streakSchema.extend({ timezone: z.string() });

const badge = {
  key: z.string(),
  name: z.string(),
  description: z.string(),
  iconUrl: z.string(),
  points: z.number().int(),
};

export const learnerAchievementsSchema = z.object({
  earned: z.array(z.object({ ...badge, earnedAt: z.string(), seen: z.boolean() })),
  inProgress: z.array(z.object({ ...badge, progress: z.object({ current: z.number().int(), target: z.number().int() }) })),
});

export const markSeenInput = userRefInput.extend({
  keys: z.array(idText(64), { message: "must be an array of achievement keys" }).max(100, "must hold at most 100 keys"),
});

/** How boards shown to other learners show the learner (API.md Revision 2 "Learner privacy"). */
export const visibilitySchema = z.enum(["visible", "anonymous", "hidden"], { message: "must be visible, anonymous or hidden" });

export const updateLearnerInput = userRefInput
  .extend({ displayName: displayNameSchema.optional(), timezone: timeZoneSchema.optional(), visibility: visibilitySchema.optional() })
  .refine((v) => v.displayName !== undefined || v.timezone !== undefined || v.visibility !== undefined, {
    message: "give displayName, timezone or visibility",
    path: ["displayName"],
  });

/** GET /users/{userId}/export: one learner's rows, table by table (docs/privacy.md documents every field). */
const exportRows = z.array(z.record(z.string(), z.unknown()));
export const learnerExportSchema = z.object({
  exportedAt: z.string(),
  profile: z.record(z.string(), z.unknown()),
  events: exportRows,
  xapiStatements: exportRows,
  ledger: exportRows,
  activeDays: exportRows,
  courses: exportRows,
  lessonCompletions: exportRows,
  achievements: exportRows,
  boardPositions: exportRows,
  latePoints: exportRows,
});
