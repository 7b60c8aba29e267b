import { sqlOf, type Db } from "@/server/db";
import { AppError } from "@/server/errors";

// The right of access (API.md Revision 2 "Learner privacy"): everything stored about one learner, as one JSON
// document. docs/privacy.md documents it field by field; each section is one table's rows of the learner.

const SECTIONS = {
  events: `SELECT id, type, course_id AS "courseId", lesson_id AS "lessonId", occurred_at AS "occurredAt", received_at AS "receivedAt",
      payload, outcome FROM event WHERE learner_id = $1 ORDER BY occurred_at, id`,
  xapiStatements: `SELECT id, verb, object_id AS "objectId", occurred_at AS "occurredAt", received_at AS "receivedAt", status, reason,
      event_id AS "eventId", raw FROM xapi_statement
      WHERE user_id = $2 OR event_id IN (SELECT id FROM event WHERE learner_id = $1) ORDER BY seq`,
  ledger: `SELECT id::text AS id, points, reason, occurred_at AS "occurredAt", created_at AS "createdAt", event_id AS "eventId",
      course_id AS "courseId", lesson_id AS "lessonId", (SELECT key FROM achievement WHERE id = achievement_id) AS "achievementKey",
      streak_day::text AS "streakDay", note FROM ledger_entry WHERE learner_id = $1 ORDER BY id`,
  activeDays: `SELECT day::text AS day, first_occurred_at AS "firstOccurredAt" FROM active_day WHERE learner_id = $1 ORDER BY day`,
  courses: `SELECT course_id AS "courseId", first_activity_at AS "firstActivityAt", completed_at AS "completedAt", perfect,
      lessons_completed AS "lessonsCompleted" FROM learner_course WHERE learner_id = $1 ORDER BY course_id`,
  lessonCompletions: `SELECT course_id AS "courseId", lesson_id AS "lessonId", event_id AS "eventId", occurred_at AS "occurredAt", points
      FROM lesson_completion WHERE learner_id = $1 ORDER BY occurred_at, course_id, lesson_id`,
  achievements: `SELECT a.key, a.name, la.points, la.earned_at AS "earnedAt", la.created_at AS "createdAt", la.event_id AS "eventId", la.seen_at AS "seenAt"
      FROM learner_achievement la JOIN achievement a ON a.id = la.achievement_id WHERE la.learner_id = $1 ORDER BY la.earned_at, a.key`,
  // Each board the learner is on, with their rank there (1 + the learners above them).
  boardPositions: `SELECT b.period, b.period_start::text AS "periodStart", NULLIF(b.course_id, '') AS "courseId", b.points,
      CASE WHEN b.points = 0 THEN NULL ELSE 1 + COALESCE((SELECT sum(h.learners) FROM board_histogram h WHERE h.period = b.period
        AND h.period_start = b.period_start AND h.course_id = b.course_id AND h.points > b.points), 0)::int END AS rank,
      EXISTS (SELECT 1 FROM period_close p WHERE p.period = b.period AND p.period_start = b.period_start) AS closed
      FROM board_score b WHERE b.learner_id = $1 ORDER BY b.period, b.period_start, b.course_id`,
  latePoints: `SELECT period, period_start::text AS "periodStart", NULLIF(course_id, '') AS "courseId", points
      FROM board_late_points WHERE learner_id = $1 ORDER BY period, period_start, course_id`,
} as const;

export type LearnerExport = { exportedAt: string; profile: Record<string, unknown> } & Record<
  keyof typeof SECTIONS,
  Record<string, unknown>[]
>;

export async function exportLearner(db: Db, userId: string, now = new Date()): Promise<LearnerExport> {
  const sql = sqlOf(db);
  const [profile] = await sql.query<Record<string, unknown> & { id: number }>(
    `SELECT id, user_id AS "userId", display_name AS "displayName", timezone, visibility, points, achievement_points AS "achievementPoints",
       lessons_completed AS "lessonsCompleted", courses_completed AS "coursesCompleted", perfect_courses AS "perfectCourses",
       longest_streak AS "longestStreak", last_active_date::text AS "lastActiveDate", run_start_date::text AS "runStartDate",
       streak_broken_on::text AS "streakBrokenOn", created_at AS "createdAt", updated_at AS "updatedAt"
     FROM learner WHERE user_id = $1`,
    [userId],
  );
  if (!profile) throw new AppError("NOT_FOUND", `No learner with userId ${userId}.`);
  const { id, ...rest } = profile;
  const sections = await Promise.all(
    Object.entries(SECTIONS).map(async ([name, text]) => [name, await sql.query(text, text.includes("$2") ? [id, userId] : [id])] as const),
  );
  // Through JSON once, so instants read as ISO strings whichever driver answered.
  return JSON.parse(JSON.stringify({ exportedAt: now.toISOString(), profile: rest, ...Object.fromEntries(sections) })) as LearnerExport;
}
