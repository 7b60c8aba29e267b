import { z } from "zod";
import { userIdSchema } from "./common";
import { freeText, safeJsonValue } from "./text";
import { iriSchema, mappingRuleSchema } from "./xapi-mapping";

// What the statements endpoint checks of an xAPI statement (1.0.3 / 2.0.0), following API.md Revision 2 ("xAPI:
// what real emitters send"): only an actor, a verb with an IRI id and an object are required, so that one
// statement an emitter got slightly wrong never costs the batch beside it. Everything else the mapping reads
// (result, context activities, definitions, timestamp) is read leniently: a part of the wrong type reads as
// absent here, and the mapping decides what that means. The statement itself is kept as sent.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidSchema = z.string().regex(UUID_PATTERN, { message: "must be a UUID" });

/** A part the mapping may read but does not require: of the wrong type, it reads as absent. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const text = lenient(z.string());
const languageMap = lenient(z.record(z.string(), z.string()));
const definition = lenient(z.looseObject({ type: text, name: languageMap }));

/** An activity in the object or in context activities: what names it and what it is. */
const activity = z.looseObject({ objectType: text, id: text, definition });
export type Activity = z.infer<typeof activity>;

// xAPI 1.0.0 allowed one activity where 1.0.3 asks for an array: accept both; skip what is no object.
const activityList = lenient(
  z.preprocess(
    (v) => (Array.isArray(v) ? v : v !== null && typeof v === "object" ? [v] : undefined),
    z.array(activity.nullable().catch(null)).transform((list) => list.filter((a): a is Activity => a !== null)),
  ),
);

const requiredObject = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? "is required" : `must be ${what}`),
});

const statementFields = z.looseObject({
  id: uuidSchema.optional(),
  actor: z.looseObject(
    { objectType: text, name: text, account: lenient(z.looseObject({ name: text })) },
    requiredObject("an agent or a group"),
  ),
  verb: z.looseObject({ id: iriSchema }, requiredObject("a verb")),
  object: z.looseObject({ objectType: text, id: text, definition }, requiredObject("an object")),
  result: lenient(
    z.looseObject({
      score: lenient(
        z.looseObject({ scaled: lenient(z.number()), raw: lenient(z.number()), min: lenient(z.number()), max: lenient(z.number()) }),
      ),
      success: lenient(z.boolean()),
      completion: lenient(z.boolean()),
    }),
  ),
  context: lenient(z.looseObject({ contextActivities: lenient(z.looseObject({ parent: activityList, grouping: activityList })) })),
  timestamp: text,
});
// Every key and string of the statement as sent, extensions included, is checked first: it is stored as sent.
export const statementSchema = safeJsonValue.pipe(statementFields);

export type Statement = z.infer<typeof statementSchema>;

// --- The dashboard's log

export const XAPI_STATUS_VALUES = ["applied", "ignored"] as const;
export const XAPI_REASON_VALUES = [
  "voiding",
  "group-actor",
  "no-learner",
  "unsupported-verb",
  "ignored-by-mapping",
  "object-not-activity",
  "not-successful",
  "not-complete",
  "course-progress",
  "no-course",
  "no-lesson",
  "invalid-score",
  "event-exists",
  "invalid-event",
] as const;
export type XapiReason = (typeof XAPI_REASON_VALUES)[number];

/** Why a statement changed nothing, as a sentence for the dashboard and the docs. */
export const XAPI_REASON_TEXT: Record<XapiReason, string> = {
  voiding: "It voids another statement: points and achievements are never taken back.",
  "group-actor": "The actor is a Group: only single learners are scored.",
  "no-learner": "The actor has no account (actor.account.name), so it names no learner.",
  "unsupported-verb": "No rule of the mapping in force covers its verb (on this activity type).",
  "ignored-by-mapping": "The mapping in force ignores this verb (on this activity type).",
  "object-not-activity": "Its object names no activity: an agent, a group, another statement, or an activity without an id.",
  "not-successful": "Its result says success or completion is false, or not true where the rule asks for true.",
  "not-complete": "Its rule asks for result.completion true, and it is not.",
  "course-progress":
    "It would complete a lesson, but its object is the course itself (a course completes with completed, passed, mastered or satisfied).",
  "no-course": "No course: the object is not a course and no course-typed activity is in context parent or grouping.",
  "no-lesson": "Its object is an attempt with no parent activity to name the lesson.",
  "invalid-score": "Its score is out of bounds: raw outside [min, max], or scaled outside [-1, 1].",
  "event-exists": "The event it means was already recorded by an earlier report: the first report wins.",
  "invalid-event": "The event it means is not valid.",
};

export const xapiLogInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  before: z.string().regex(/^\d+$/, { message: "must be a log position" }).optional(),
  status: z.enum(XAPI_STATUS_VALUES).optional(),
  reason: z.enum(XAPI_REASON_VALUES).optional(),
  verb: freeText().max(500).optional(),
  userId: userIdSchema.optional(),
});

export const xapiStatementRowSchema = z.object({
  id: z.string(),
  seq: z.string(),
  userId: z.string().nullable(),
  verb: z.string(),
  objectId: z.string().nullable(),
  occurredAt: z.date().nullable(),
  receivedAt: z.date(),
  status: z.string(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  eventId: z.string().nullable(),
  /** The version of the mapping that decided it, and the rule that did (null: decided before any rule applied). */
  mappingVersion: z.number().int().nullable(),
  mappingRule: mappingRuleSchema.nullable(),
  courseTitle: z.string().nullable(),
  lessonTitle: z.string().nullable(),
  raw: z.unknown(),
});
/** One received statement as the dashboard's log shows it: declared here once for the service and the table. */
export type XapiStatementRow = z.infer<typeof xapiStatementRowSchema>;

export const xapiLogOutput = z.object({
  rows: z.array(xapiStatementRowSchema),
  nextBefore: z.string().nullable(),
});

export const xapiCountsOutput = z.object({ applied: z.number().int(), ignored: z.number().int() });
