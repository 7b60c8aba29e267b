import { z } from "zod";
import { EVENT_TYPES } from "./events";
import { refuseUnsafeText } from "./text";

// The xAPI mapping as admins edit it (API.md Revision 2, "xAPI: what real emitters send"): a list of rules, each
// saying which verb, optionally on which activity type and under which conditions on result.success and
// result.completion, becomes which event type, or is ignored. Shared by the service, the router and the editor.

export const iriSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be an absolute IRI") })
  .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, { message: "must be an absolute IRI" })
  .superRefine(refuseUnsafeText("id"));

/** The activity-type word that means "a course": any course type (ADL's, cmi5's, Moodle 4's). */
export const COURSE_ACTIVITY = "course";
export const MAPPING_RESULTS = [...EVENT_TYPES, "ignored"] as const;
export type MappingResult = (typeof MAPPING_RESULTS)[number];
/** A condition on result.success or result.completion: `true` (must be true) or `not-false` (true or absent). */
export const CONDITION_VALUES = ["true", "not-false"] as const;
export type Condition = (typeof CONDITION_VALUES)[number];
export const MAX_RULES = 200;
const VOIDED = "http://adlnet.gov/expapi/verbs/voided";

export const mappingRuleSchema = z.object({
  verb: iriSchema.max(500, { message: "must be at most 500 characters" }),
  activityType: z
    .union([z.literal(COURSE_ACTIVITY), iriSchema.max(500, { message: "must be at most 500 characters" })], {
      message: `must be an absolute IRI or "${COURSE_ACTIVITY}"`,
    })
    .optional(),
  success: z.enum(CONDITION_VALUES, { message: "must be true or not-false" }).optional(),
  completion: z.enum(CONDITION_VALUES, { message: "must be true or not-false" }).optional(),
  event: z.enum(MAPPING_RESULTS, { message: `must be one of ${MAPPING_RESULTS.join(", ")}` }),
});
export type MappingRule = z.infer<typeof mappingRuleSchema>;

/** What a rule applies to: a verb, or a verb on one activity type. One rule per key. */
export const ruleKey = (rule: Pick<MappingRule, "verb" | "activityType">) =>
  rule.activityType ? `${rule.verb} on ${rule.activityType}` : rule.verb;

export const mappingRulesSchema = z
  .array(mappingRuleSchema)
  .max(MAX_RULES, { message: `must hold at most ${MAX_RULES} rules` })
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.forEach((rule, i) => {
      if (rule.verb === VOIDED) ctx.addIssue({ code: "custom", path: [i, "verb"], message: "voiding statements are always ignored" });
      const first = seen.get(ruleKey(rule));
      if (first !== undefined)
        ctx.addIssue({ code: "custom", path: [i, "verb"], message: `repeats rule ${first + 1} (one rule per verb and activity type)` });
      else seen.set(ruleKey(rule), i);
    });
  });

export const MAPPING_PRESET_KEYS = ["default", "moodle", "openedx"] as const;
export type MappingPresetKey = (typeof MAPPING_PRESET_KEYS)[number];

export const saveMappingInput = z.object({
  /** The version the edit started from: saving over a newer one is a CONFLICT, so no change is lost. */
  basedOn: z.number().int().min(1),
  rules: mappingRulesSchema,
});

export const mappingVersionSchema = z.object({
  version: z.number().int(),
  rules: z.array(mappingRuleSchema),
  /** The preset its rules are unchanged, else null. */
  preset: z.enum(MAPPING_PRESET_KEYS).nullable(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
});
export type MappingVersion = z.infer<typeof mappingVersionSchema>;

export const mappingPageOutput = z.object({
  current: mappingVersionSchema,
  presets: z.array(
    z.object({ key: z.enum(MAPPING_PRESET_KEYS), label: z.string(), description: z.string(), rules: z.array(mappingRuleSchema) }),
  ),
  history: z.array(mappingVersionSchema.omit({ rules: true }).extend({ rules: z.number().int() })),
});

/** The last part of an IRI, as people say a verb or a type ("completed", "course"). */
export const iriLabel = (iri: string) => iri.replace(/\/+$/, "").split(/[/#]/).pop() || iri;

const CONDITION_TEXT: Record<Condition, string> = { true: "true", "not-false": "not false" };

/** A rule in words, for the log, the audit trail and the docs: "completed on a course, success not false → course.completed". */
export function describeRule(rule: MappingRule): string {
  const on = rule.activityType === COURSE_ACTIVITY ? " on a course" : rule.activityType ? ` on ${iriLabel(rule.activityType)}` : "";
  const conditions = [
    rule.success && `success ${CONDITION_TEXT[rule.success]}`,
    rule.completion && `completion ${CONDITION_TEXT[rule.completion]}`,
  ].filter(Boolean);
  return `${iriLabel(rule.verb)}${on}${conditions.length ? `, ${conditions.join(", ")}` : ""} → ${rule.event}`;
}
