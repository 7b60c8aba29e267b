import { z } from "zod";
import { ACHIEVEMENT_KINDS, ACHIEVEMENT_PERIODS } from "@/server/lib/achievement-kinds";
import { freeText } from "./text";

export const achievementKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9-_]*$/, "may hold lower-case letters, digits, - and _");

export const criterionSchema = z.object({
  kind: z.enum(ACHIEVEMENT_KINDS, { message: `must be one of ${ACHIEVEMENT_KINDS.join(", ")}` }),
  threshold: z.number().int().min(1, "must be at least 1").max(1_000_000),
  withinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional(),
  period: z.enum(ACHIEVEMENT_PERIODS).optional(),
});

export const achievementSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  iconUrl: z.string(),
  points: z.number().int(),
  criterion: criterionSchema,
});

export const achievementDetailSchema = achievementSchema.extend({ earnedBy: z.number().int(), active: z.boolean() });

export const achievementInputSchema = z.object({
  key: achievementKeySchema,
  name: freeText().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  description: freeText().trim().max(300, "must be at most 300 characters").default(""),
  iconUrl: freeText()
    .trim()
    .max(500)
    .refine((v) => /^icon:[a-z0-9-]+$/.test(v) || /^https?:\/\/\S+$/.test(v), "must be a built-in icon or an http(s) URL")
    .default("icon:trophy"),
  points: z.number().int("must be a whole number").min(0, "must be 0 or more").max(100_000),
  criterion: criterionSchema,
});
export type AchievementInput = z.infer<typeof achievementInputSchema>;
