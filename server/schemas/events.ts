import { z } from "zod";
import { displayNameSchema, externalIdSchema, instantSchema, timeZoneSchema, titleSchema, userIdSchema } from "./common";
import { levelUpSchema } from "./levels";

export const EVENT_TYPES = ["lesson.completed", "course.completed", "course.started", "user.login"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** How far ahead of our clock an occurredAt may be (clock skew between the LMS and us). */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** The earliest occurredAt taken (API.md Revision 2): an LMS has no learning events from before it. */
export const EARLIEST_OCCURRED_AT = "2000-01-01T00:00:00Z";
export const MAX_BATCH = 500;

export const eventInputSchema = z
  .object({
    id: externalIdSchema,
    type: z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(", ")}` }),
    userId: userIdSchema,
    occurredAt: instantSchema,
    courseId: externalIdSchema.optional(),
    lessonId: externalIdSchema.optional(),
    // Titles feed the course catalogue; they are not part of the event's identity (payloadHash leaves them out).
    courseTitle: titleSchema.optional(),
    lessonTitle: titleSchema.optional(),
    difficulty: z.enum(DIFFICULTIES, { message: "must be easy, medium or hard" }).optional(),
    score: z.number().int("must be an integer").min(0, "must be between 0 and 100").max(100, "must be between 0 and 100").optional(),
    user: z.object({ displayName: displayNameSchema.optional(), timezone: timeZoneSchema.optional() }).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type !== "user.login" && !e.courseId) {
      ctx.addIssue({ code: "custom", path: ["courseId"], message: `is required for ${e.type}` });
    }
    if (e.type === "lesson.completed" && !e.lessonId) {
      ctx.addIssue({ code: "custom", path: ["lessonId"], message: "is required for lesson.completed" });
    }
    if (Date.parse(e.occurredAt) < Date.parse(EARLIEST_OCCURRED_AT)) {
      ctx.addIssue({ code: "custom", path: ["occurredAt"], message: `is before ${EARLIEST_OCCURRED_AT}` });
    }
    if (Date.parse(e.occurredAt) > Date.now() + MAX_FUTURE_MS) {
      ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "is more than 5 minutes in the future" });
    }
  });

export type EventInput = z.infer<typeof eventInputSchema>;

export const batchInputSchema = z.object({
  events: z
    .array(z.unknown(), { message: "must be an array of events" })
    .min(1, "must hold at least 1 event")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} events`),
});

export const awardSchema = z.object({ reason: z.string(), points: z.number().int() });
export const unlockedSchema = z.object({ key: z.string(), name: z.string(), points: z.number().int() });

export const eventOutcomeSchema = z.object({
  eventId: z.string(),
  duplicate: z.boolean(),
  pointsAwarded: z.number().int(),
  awards: z.array(awardSchema),
  achievementsUnlocked: z.array(unlockedSchema),
  streak: z.object({ current: z.number().int(), longest: z.number().int() }),
  totals: z.object({ points: z.number().int(), lessonsCompleted: z.number().int(), coursesCompleted: z.number().int() }),
  /** The level this event took the learner to, when it is a higher one (API.md Revision 2). */
  levelUp: levelUpSchema.nullable(),
});
export type EventOutcome = z.infer<typeof eventOutcomeSchema>;
