import type { EventType } from "@/server/schemas/events";
import type { Statement, XapiReason } from "@/server/schemas/xapi";
import { COURSE_ACTIVITY, type MappingRule } from "@/server/schemas/xapi-mapping";
import { courseOf, instantOf, isActivity, isCourse, lessonActivityOf, lessonIdOf, scoreOf, titleOf } from "./activities";
import { semanticEventId } from "./statement-id";
import { VERBS } from "./vocabulary";

// The one place that decides what a valid statement becomes: one event, or the reason it is ignored, under the
// mapping's rules (the admin's, given as input; presets.ts holds the default). Pure: no database and no I/O, so
// every shape an emitter sends can be tested on its own.

export interface DerivedEvent {
  id: string;
  type: EventType;
  userId: string;
  occurredAt: string;
  courseId?: string;
  lessonId?: string;
  score?: number;
  courseTitle?: string;
  lessonTitle?: string;
  user?: { displayName: string };
}

export type Mapping =
  { kind: "event"; event: DerivedEvent; rule: MappingRule } | { kind: "ignored"; reason: XapiReason; detail?: string; rule?: MappingRule };

/** The rule for the verb on the object's activity type, else for the verb on a course (if it is one), else for the verb. */
export function ruleFor(rules: MappingRule[], s: Statement): MappingRule | undefined {
  const forVerb = rules.filter((r) => r.verb === s.verb.id);
  const type = s.object.definition?.type;
  return (
    forVerb.find((r) => r.activityType !== undefined && r.activityType !== COURSE_ACTIVITY && r.activityType === type) ??
    forVerb.find((r) => r.activityType === COURSE_ACTIVITY && isCourse(s.object)) ??
    forVerb.find((r) => r.activityType === undefined)
  );
}

/** Why the statement's result does not meet the rule's conditions, if it does not. */
function unmetCondition(rule: MappingRule, result: Statement["result"]): XapiReason | null {
  if (rule.success === "true" ? result?.success !== true : rule.success === "not-false" && result?.success === false)
    return "not-successful";
  if (rule.completion === "true" && result?.completion !== true) return "not-complete";
  if (rule.completion === "not-false" && result?.completion === false) return "not-successful";
  return null;
}

const ignored = (reason: XapiReason, extra: { detail?: string; rule?: MappingRule } = {}): Mapping => ({
  kind: "ignored",
  reason,
  ...extra,
});

/** What a valid statement means under these rules: one event, or the reason it means nothing. */
export function mapStatement(s: Statement, statementId: string, receivedAt: Date, rules: MappingRule[]): Mapping {
  if (s.verb.id === VERBS.voided) return ignored("voiding");
  if (s.actor.objectType === "Group") return ignored("group-actor");
  const userId = s.actor.account?.name;
  if (!userId) return ignored("no-learner");

  const rule = ruleFor(rules, s);
  if (!rule) return ignored("unsupported-verb", { detail: s.verb.id });
  if (rule.event === "ignored") return ignored("ignored-by-mapping", { rule });
  const unmet = unmetCondition(rule, s.result);
  if (unmet) return ignored(unmet, { rule });

  const time = instantOf(s.timestamp);
  if ("invalid" in time) return ignored("invalid-event", { detail: time.invalid, rule });
  const displayName = s.actor.name?.trim().slice(0, 120);
  const base = { userId, occurredAt: s.timestamp ?? receivedAt.toISOString(), ...(displayName ? { user: { displayName } } : {}) };
  const event = (e: Omit<DerivedEvent, keyof typeof base>): Mapping => ({ kind: "event", event: { ...base, ...e }, rule });

  // A login is one occurrence, so its event is named by the statement.
  if (rule.event === "user.login") return event({ id: `xapi:user.login:${statementId}`, type: "user.login" });

  if (!isActivity(s.object)) return ignored("object-not-activity", { rule });
  const course = courseOf(s);
  if (rule.event === "lesson.completed" && isCourse(s.object)) return ignored("course-progress", { rule });
  if (!course) return ignored("no-course", { rule });
  const courseTitle = titleOf(course);
  const titled = courseTitle ? { courseTitle } : {};
  if (rule.event === "course.started")
    return event({ id: semanticEventId("course.started", userId, course.id), type: "course.started", courseId: course.id, ...titled });

  const score = scoreOf(s);
  if ("invalid" in score) return ignored("invalid-score", { detail: score.invalid, rule });
  if (rule.event === "course.completed") {
    return event({
      id: semanticEventId("course.completed", userId, course.id),
      type: "course.completed",
      courseId: course.id,
      ...titled,
      ...score,
    });
  }
  const lesson = lessonActivityOf(s);
  if (!lesson) return ignored("no-lesson", { rule });
  const lessonId = lessonIdOf(lesson);
  const lessonTitle = titleOf(lesson);
  return event({
    id: semanticEventId("lesson.completed", userId, course.id, lessonId),
    type: "lesson.completed",
    courseId: course.id,
    lessonId,
    ...titled,
    ...(lessonTitle ? { lessonTitle } : {}),
    ...score,
  });
}
