import { statementSchema, type Statement } from "@/server/schemas/xapi";
import type { MappingRule } from "@/server/schemas/xapi-mapping";
import { mapStatement, type Mapping } from "@/server/services/xapi/mapping";
import { DEFAULT_RULES } from "@/server/services/xapi/presets";
import { VERBS } from "@/server/services/xapi/vocabulary";

// Small statements for the xAPI mapping's unit tests (server/services/xapi/*.test.ts): one lesson in one course,
// mapped at a fixed moment under the default rules unless a test gives its own.

export const parse = (s: unknown): Statement => statementSchema.parse(s);
export const RECEIVED = new Date("2026-11-25T12:00:00Z");
export const map = (s: unknown, statementId = "s-1", rules: MappingRule[] = DEFAULT_RULES): Mapping =>
  mapStatement(parse(s), statementId, RECEIVED, rules);
/** The reason a statement is ignored, or "event <type>" when it is not. */
export const ignoredReason = (m: Mapping) => (m.kind === "ignored" ? m.reason : `event ${m.event.type}`);
export const eventOf = (m: Mapping) => {
  if (m.kind !== "event") throw new Error(`expected an event, got ignored: ${m.reason}`);
  return m.event;
};

export const COURSE_TYPE = "http://adlnet.gov/expapi/activities/course";
export const course = (id: string, type = COURSE_TYPE) => ({ id, definition: { type } });
export const LESSON = "https://lms.example.com/lesson/1";
export const COURSE = "https://lms.example.com/course/1";
export const base = {
  actor: { name: "Ada", account: { homePage: "https://lms.example.com", name: "u-1" } },
  verb: { id: VERBS.completed as string },
  object: { id: LESSON },
  timestamp: "2026-11-25T10:00:00Z",
};
/** A statement about a lesson whose course is its parent. */
export const inCourse = { ...base, context: { contextActivities: { parent: [course(COURSE)] } } };
export const onCourse = { ...base, object: course(COURSE) };
export const withVerb = <T extends object>(s: T, verb: string) => ({ ...s, verb: { id: verb } });
