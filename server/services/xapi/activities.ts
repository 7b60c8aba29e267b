import { instantSchema } from "@/server/schemas/common";
import type { Activity, Statement } from "@/server/schemas/xapi";
import { ATTEMPT_TYPE, COURSE_TYPES, GROUP_ACTIVITY, SECTION_TYPE } from "./vocabulary";

// What a statement is about, read the way API.md says (Revision 2, "xAPI: what real emitters send"): its course,
// its lesson (the activity, not the attempt or the fragment), their titles, and its score. Pure.

type Thing = Pick<Activity, "objectType" | "id" | "definition">;

const NOT_ACTIVITIES = new Set(["Agent", "Group", "StatementRef", "SubStatement"]);
const hasId = (a: Thing): a is Thing & { id: string } => typeof a.id === "string" && a.id.trim() !== "";
const typeOf = (a: Thing) => a.definition?.type ?? "";
export const isCourse = (a: Thing) => COURSE_TYPES.has(typeOf(a));

/** An object that names an activity: not an agent, a group or a statement, and with an id. */
export const isActivity = (o: Thing) => !NOT_ACTIVITIES.has(o.objectType ?? "Activity") && hasId(o);

const parents = (s: Statement) => s.context?.contextActivities?.parent ?? [];

/** The course a statement is about: a course-typed object, else the first course-typed parent, then grouping. */
export function courseOf(s: Statement): (Thing & { id: string }) | null {
  if (isActivity(s.object) && isCourse(s.object)) return s.object as Thing & { id: string };
  const grouping = s.context?.contextActivities?.grouping ?? [];
  return [...parents(s), ...grouping].find((a): a is Activity & { id: string } => hasId(a) && isCourse(a)) ?? null;
}

/**
 * The activity that is the lesson: the object, unless it is an attempt (then its first parent that is not an
 * attempt, a section or a course) or one question of a multi-question problem (a GroupActivity parent: then the
 * problem, so the problem pays once, not once per question). Null for an attempt with no such parent.
 */
export function lessonActivityOf(s: Statement): (Thing & { id: string }) | null {
  const object = s.object as Thing & { id: string };
  if (typeOf(object) === ATTEMPT_TYPE) {
    return (
      parents(s).find(
        (a): a is Activity & { id: string } => hasId(a) && typeOf(a) !== ATTEMPT_TYPE && typeOf(a) !== SECTION_TYPE && !isCourse(a),
      ) ?? null
    );
  }
  return parents(s).find((a): a is Activity & { id: string } => hasId(a) && a.objectType === GROUP_ACTIVITY) ?? object;
}

/** An activity id as a lesson id: without its `#fragment` (Moodle's `#lesson`, `#sco`). */
export const lessonIdOf = (activity: { id: string }) => activity.id.split("#")[0]!;

const MAX_TITLE = 200;
/** An activity's title: its definition.name in `en`, else `en-US`, else its first language; trimmed, at most 200 characters. */
export function titleOf(a: Thing | null): string | undefined {
  const name = a?.definition?.name;
  if (!name) return undefined;
  const title = (name.en ?? name["en-US"] ?? Object.values(name)[0])?.trim().slice(0, MAX_TITLE).trim();
  return title || undefined;
}

/**
 * The score, 0-100: (raw - min) / (max - min) x 100 when raw, min and max are given (Moodle's `scaled` is
 * 2 x that - 1, so raw comes first), else scaled x 100 with a negative scaled read as 0; rounded. A raw outside
 * [min, max] or a scaled outside [-1, 1] is not a score: `invalid`, with why.
 */
export function scoreOf(s: Statement): { score?: number } | { invalid: string } {
  const { raw, min, max, scaled } = s.result?.score ?? {};
  if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max))) {
    return { invalid: `result.score.raw ${raw} is outside [${min ?? "-∞"}, ${max ?? "∞"}]` };
  }
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) return { invalid: `result.score.scaled ${scaled} is outside [-1, 1]` };
  if (raw !== undefined && min !== undefined && max !== undefined && max > min)
    return { score: Math.round(((raw - min) / (max - min)) * 100) };
  if (scaled !== undefined) return { score: Math.round(Math.max(0, scaled) * 100) };
  return {};
}

/** The statement's timestamp as an ISO instant; `invalid` when it is not an ISO 8601 date-time with a zone. */
export function instantOf(timestamp: string | undefined): { at: string | null } | { invalid: string } {
  if (timestamp === undefined) return { at: null };
  const parsed = instantSchema.safeParse(timestamp);
  return parsed.success ? { at: new Date(timestamp).toISOString() } : { invalid: `timestamp ${parsed.error.issues[0]!.message}` };
}
