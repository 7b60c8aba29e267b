import { COURSE_ACTIVITY, type MappingPresetKey, type MappingRule } from "@/server/schemas/xapi-mapping";
import { MOODLE_4_LOGIN_VERBS, VERBS } from "./vocabulary";

// The mappings an admin starts from. The default is API.md's verb table (migration 20261202141000_xapi_mapping
// stores it as version 1, and a test keeps the two equal); the presets are the default plus the choices real
// emitters' operators usually make (issue 17): graded work that passed counts as a lesson, and enrolments (which
// an admin may make for the learner) are not the learner's activity.

const NOT_FALSE = { success: "not-false", completion: "not-false" } as const;

export const DEFAULT_RULES: MappingRule[] = [
  ...[VERBS.completed, VERBS.passed, VERBS.mastered, VERBS.satisfied].map((verb): MappingRule => ({
    verb,
    activityType: COURSE_ACTIVITY,
    ...NOT_FALSE,
    event: "course.completed",
  })),
  ...[VERBS.completed, VERBS.passed, VERBS.mastered].map((verb): MappingRule => ({ verb, ...NOT_FALSE, event: "lesson.completed" })),
  { verb: VERBS.progressed, completion: "true", event: "lesson.completed" },
  ...[VERBS.registered, VERBS.enrolled, VERBS.launched, VERBS.initialized].map((verb): MappingRule => ({ verb, event: "course.started" })),
  ...[VERBS.login, VERBS.loggedIn, ...MOODLE_4_LOGIN_VERBS].map((verb): MappingRule => ({ verb, event: "user.login" })),
];

/** The default with these verbs' rules replaced (or added at the end). */
function withRules(replacements: MappingRule[]): MappingRule[] {
  const replaced = new Set(replacements.map((r) => r.verb));
  return [...DEFAULT_RULES.filter((r) => !replaced.has(r.verb)), ...replacements];
}

const ENROLMENTS_IGNORED: MappingRule[] = [VERBS.registered, VERBS.enrolled].map((verb) => ({ verb, event: "ignored" }));

export const MAPPING_PRESETS: { key: MappingPresetKey; label: string; description: string; rules: MappingRule[] }[] = [
  {
    key: "default",
    label: "Default (API.md)",
    description: "Completions, starts and logins as API.md's table maps them.",
    rules: DEFAULT_RULES,
  },
  {
    key: "moodle",
    label: "Moodle (logstore_xapi)",
    description: "The default, plus a passed graded assignment (scored, success true) as a lesson; enrolments ignored.",
    rules: withRules([{ verb: VERBS.scored, success: "true", event: "lesson.completed" }, ...ENROLMENTS_IGNORED]),
  },
  {
    key: "openedx",
    label: "Open edX (event-routing-backends)",
    description: "The default, plus a correct problem (answered or evaluated, success true) as a lesson; enrolments ignored.",
    rules: withRules([
      { verb: VERBS.answered, success: "true", event: "lesson.completed" },
      { verb: VERBS.evaluated, success: "true", event: "lesson.completed" },
      ...ENROLMENTS_IGNORED,
    ]),
  },
];
