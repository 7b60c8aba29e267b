import { sqlOf, type Db } from "@/server/db";

// What a person reads for a course or a lesson: its title from the catalogue (API.md Revision 2), or its id
// when no title is known. Views resolve every course and lesson they show in one query.

export interface CatalogRef {
  courseId: string | null;
  lessonId?: string | null;
}

export interface Titles {
  /** The course's title, or null when none is known. */
  courseTitle(courseId: string): string | null;
  /** The course's title, else its id. */
  course(courseId: string): string;
  lesson(courseId: string, lessonId: string): string;
}

const key = (courseId: string, lessonId: string) => JSON.stringify([courseId, lessonId]);

/** The titles of the courses and lessons the refs name (a ref with a lessonId names the course too). */
export async function loadTitles(db: Db, refs: CatalogRef[]): Promise<Titles> {
  const courseIds = [...new Set(refs.flatMap((r) => (r.courseId === null ? [] : [r.courseId])))];
  const lessons = [
    ...new Map(
      refs
        .filter((r) => r.courseId !== null && r.lessonId)
        .map((r) => [key(r.courseId!, r.lessonId!), { course_id: r.courseId, lesson_id: r.lessonId }]),
    ).values(),
  ];
  const rows =
    courseIds.length === 0
      ? []
      : await sqlOf(db).query<{ course_id: string; lesson_id: string | null; title: string }>(
          `SELECT id AS course_id, NULL::text AS lesson_id, name AS title FROM course WHERE id = ANY($1::text[]) AND name IS NOT NULL
           UNION ALL
           SELECT l.course_id, l.id, l.name FROM lesson l
           JOIN jsonb_to_recordset($2::jsonb) AS u(course_id text, lesson_id text) ON l.course_id = u.course_id AND l.id = u.lesson_id
           WHERE l.name IS NOT NULL`,
          [courseIds, JSON.stringify(lessons)],
        );
  const courses = new Map(rows.filter((r) => r.lesson_id === null).map((r) => [r.course_id, r.title]));
  const lessonTitles = new Map(rows.filter((r) => r.lesson_id !== null).map((r) => [key(r.course_id, r.lesson_id!), r.title]));
  return {
    courseTitle: (courseId) => courses.get(courseId) ?? null,
    course: (courseId) => courses.get(courseId) ?? courseId,
    lesson: (courseId, lessonId) => lessonTitles.get(key(courseId, lessonId)) ?? lessonId,
  };
}
