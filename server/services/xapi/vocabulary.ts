// The xAPI words the mapping recognises, by their published IRIs (API.md, "xAPI statements"). What each verb
// becomes is the mapping's rules (presets.ts); this file only names them.

const ADL = "http://adlnet.gov/expapi/verbs/";
export const VERBS = {
  completed: `${ADL}completed`,
  passed: `${ADL}passed`,
  mastered: `${ADL}mastered`,
  satisfied: "https://w3id.org/xapi/adl/verbs/satisfied",
  progressed: `${ADL}progressed`,
  registered: `${ADL}registered`,
  launched: `${ADL}launched`,
  initialized: `${ADL}initialized`,
  enrolled: "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/enrolled",
  login: "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login",
  loggedIn: "https://w3id.org/xapi/adl/verbs/logged-in",
  voided: `${ADL}voided`,
  /** Moodle's graded assignment (`\mod_assign\event\submission_graded`). */
  scored: `${ADL}scored`,
  /** Open edX's checked problem: `answered` in older releases, ACROSSX `evaluated` in newer ones. */
  answered: `${ADL}answered`,
  evaluated: "https://w3id.org/xapi/acrossx/verbs/evaluated",
} as const;

/**
 * IRIs that Moodle's logstore_xapi 4.x sends (and 5.x in its JISC mode) for the same meanings, so that sites not
 * yet on the EDLM profile work too: its login verb, and its course activity type.
 */
export const MOODLE_4_LOGIN_VERBS = [
  "https://brindlewaye.com/xAPITerms/verbs/loggedin",
  "https://brindlewaye.com/xAPITerms/verbs/loggedin/",
];
export const MOODLE_4_COURSE_TYPE = "http://id.tincanapi.com/activitytype/lms/course";

/** Activity types (`definition.type`) that make an activity a course. */
export const COURSE_TYPES = new Set<string>([
  "http://adlnet.gov/expapi/activities/course",
  "https://w3id.org/xapi/cmi5/activitytype/course",
  MOODLE_4_COURSE_TYPE,
]);

/** An attempt at an activity (Moodle's quiz attempts, Open edX's exam attempts): never a lesson of its own. */
export const ATTEMPT_TYPE = "http://adlnet.gov/expapi/activities/attempt";

/** A section of a course (the type Moodle gives `course/section.php`): a container, not a lesson. */
export const SECTION_TYPE = "http://id.tincanapi.com/activitytype/section";

/** The objectType Open edX gives a problem of several questions; each question's statement names it as parent. */
export const GROUP_ACTIVITY = "GroupActivity";
