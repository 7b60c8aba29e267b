import { z } from "zod";
import { instantSchema, userIdSchema } from "./common";

// The part of an xAPI statement (1.0.3 / 2.0.0) the statements endpoint checks: what it needs to map a
// statement (an actor with one identifier, a verb id, an object id) and the types of what it reads
// (result, context activities, timestamp). Other properties are kept as sent and not judged.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidSchema = z.string().regex(UUID_PATTERN, { message: "must be a UUID" });
const iriSchema = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, { message: "must be an absolute IRI" });
const languageMap = z.record(z.string(), z.string(), { message: "must be a language map" });

const IFI_KEYS = ["mbox", "mbox_sha1sum", "openid", "account"] as const;

const accountSchema = z.looseObject({
  homePage: iriSchema,
  name: z.string({ message: "must be a string" }).min(1, { message: "must not be empty" }),
});

const agentFields = {
  name: z.string({ message: "must be a string" }).optional(),
  mbox: z.string().regex(/^mailto:\S+@\S+$/i, { message: "must be a mailto: IRI" }).optional(),
  mbox_sha1sum: z.string().regex(/^[0-9a-f]{40}$/i, { message: "must be a SHA-1 hex digest" }).optional(),
  openid: iriSchema.optional(),
  account: accountSchema.optional(),
};

const ifiCount = (a: Record<string, unknown>) => IFI_KEYS.filter((k) => a[k] !== undefined).length;

const memberSchema = z.looseObject({ objectType: z.literal("Agent", { message: "must be Agent" }).optional(), ...agentFields }).superRefine((a, ctx) => {
  if (ifiCount(a) !== 1) ctx.addIssue({ code: "custom", message: "must have exactly one of mbox, mbox_sha1sum, openid, account" });
});

/** An Agent has exactly one identifier; a Group at most one, and an anonymous Group lists its members. */
export const actorSchema = z
  .looseObject({
    objectType: z.enum(["Agent", "Group"], { message: "must be Agent or Group" }).optional(),
    ...agentFields,
    member: z.array(memberSchema, { message: "must be an array of agents" }).optional(),
  })
  .superRefine((a, ctx) => {
    const count = ifiCount(a);
    if (a.objectType === "Group") {
      if (count > 1) ctx.addIssue({ code: "custom", message: "a Group must have at most one of mbox, mbox_sha1sum, openid, account" });
      if (count === 0 && !a.member?.length) ctx.addIssue({ code: "custom", path: ["member"], message: "an anonymous Group must list its members" });
    } else if (count !== 1) {
      ctx.addIssue({ code: "custom", message: "must have exactly one of mbox, mbox_sha1sum, openid, account" });
    }
  });

export const verbSchema = z.looseObject({ id: iriSchema, display: languageMap.optional() });

const activityDefinition = z.looseObject({ type: iriSchema.optional(), name: languageMap.optional() });

export const objectSchema = z
  .looseObject({
    objectType: z.enum(["Activity", "Agent", "Group", "StatementRef", "SubStatement"], {
      message: "must be Activity, Agent, Group, StatementRef or SubStatement",
    }).optional(),
    id: z.string({ message: "must be a string" }).optional(),
    definition: activityDefinition.optional(),
  })
  .superRefine((o, ctx) => {
    const type = o.objectType ?? "Activity";
    if (type === "Activity" || type === "StatementRef") {
      const parsed = (type === "Activity" ? iriSchema : uuidSchema).safeParse(o.id);
      if (!parsed.success) ctx.addIssue({ code: "custom", path: ["id"], message: o.id === undefined ? "is required" : parsed.error.issues[0]!.message });
    }
  });

const contextActivity = z.looseObject({
  id: iriSchema,
  objectType: z.literal("Activity", { message: "must be Activity" }).optional(),
  definition: activityDefinition.optional(),
});
// xAPI 1.0.0 allowed one activity where 1.0.3 asks for an array: accept both.
const contextActivityList = z.preprocess(
  (v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? [v] : v),
  z.array(contextActivity, { message: "must be an array of activities" }),
);

export const statementSchema = z.looseObject({
  id: uuidSchema.optional(),
  actor: actorSchema,
  verb: verbSchema,
  object: objectSchema,
  result: z
    .looseObject({
      score: z
        .looseObject({
          scaled: z.number({ message: "must be a number" }).min(-1, { message: "must be between -1 and 1" }).max(1, { message: "must be between -1 and 1" }).optional(),
          raw: z.number({ message: "must be a number" }).optional(),
          min: z.number({ message: "must be a number" }).optional(),
          max: z.number({ message: "must be a number" }).optional(),
        })
        .optional(),
      success: z.boolean({ message: "must be true or false" }).optional(),
      completion: z.boolean({ message: "must be true or false" }).optional(),
    })
    .optional(),
  context: z
    .looseObject({
      contextActivities: z
        .looseObject({
          parent: contextActivityList.optional(),
          grouping: contextActivityList.optional(),
          category: contextActivityList.optional(),
          other: contextActivityList.optional(),
        })
        .optional(),
    })
    .optional(),
  timestamp: instantSchema.optional(),
});

export type Statement = z.infer<typeof statementSchema>;

// --- The dashboard's log

export const XAPI_STATUS_VALUES = ["applied", "ignored"] as const;
export const XAPI_REASON_VALUES = [
  "voiding",
  "group-actor",
  "no-learner",
  "unsupported-verb",
  "object-not-activity",
  "not-successful",
  "not-complete",
  "course-progress",
  "no-course",
  "event-exists",
  "invalid-event",
] as const;
export type XapiReason = (typeof XAPI_REASON_VALUES)[number];

/** Why a statement changed nothing, as a sentence for the dashboard and the docs. */
export const XAPI_REASON_TEXT: Record<XapiReason, string> = {
  voiding: "It voids another statement: points and achievements are never taken back.",
  "group-actor": "The actor is a Group: only single learners are scored.",
  "no-learner": "The actor has no account (actor.account.name), so it names no learner.",
  "unsupported-verb": "Its verb is not one that means a completion, a start or a login.",
  "object-not-activity": "Its object is not an activity (an agent, a group or another statement).",
  "not-successful": "Its result says success or completion is false.",
  "not-complete": "It reports progress without result.completion true.",
  "course-progress": "Progress on a whole course is not a completion (a course completes with completed, passed, mastered or satisfied).",
  "no-course": "No course: the object is not a course and no course-typed activity is in context parent or grouping.",
  "event-exists": "The event it means was already recorded by an earlier report: the first report wins.",
  "invalid-event": "The event it means is not valid.",
};

export const xapiLogInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  before: z.string().regex(/^\d+$/, { message: "must be a log position" }).optional(),
  status: z.enum(XAPI_STATUS_VALUES).optional(),
  reason: z.enum(XAPI_REASON_VALUES).optional(),
  verb: z.string().max(500).optional(),
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
  raw: z.unknown(),
});

export const xapiLogOutput = z.object({
  rows: z.array(xapiStatementRowSchema),
  nextBefore: z.string().nullable(),
});

export const xapiCountsOutput = z.object({ applied: z.number().int(), ignored: z.number().int() });
