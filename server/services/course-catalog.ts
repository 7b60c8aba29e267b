import type { PrismaClient } from "@prisma/client";
import { driverOf } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Course, PutCourseInput } from "@/server/schemas/courses";
import type { Difficulty } from "@/server/schemas/events";
import { forgetCatalogTitles } from "./events/catalog";

// The course catalogue of API.md Revision 2: a course's and its lessons' titles and difficulty. Ingestion
// creates the rows an event names and writes the titles events carry (server/services/events/catalog.ts);
// here the LMS sets them explicitly. What a PUT leaves out stays as it was.

type Row = { kind: "course" | "lesson"; id: string; title: string | null; difficulty: Difficulty | null };

/** A course and its lessons (by lesson id); NOT_FOUND for a course no event or PUT has named. */
export async function getCourse(db: PrismaClient, courseId: string): Promise<Course> {
  const rows = await driverOf(db).query<Row>(
    `SELECT 'course' AS kind, id, name AS title, difficulty FROM course WHERE id = $1
     UNION ALL
     SELECT 'lesson', id, name, difficulty FROM (SELECT * FROM lesson WHERE course_id = $1 ORDER BY id) l`,
    [courseId],
  );
  const course = rows.find((r) => r.kind === "course");
  if (!course) throw new AppError("NOT_FOUND", `No course has the id ${courseId}.`);
  return {
    courseId,
    title: course.title,
    difficulty: course.difficulty,
    lessons: rows.filter((r) => r.kind === "lesson").map((l) => ({ lessonId: l.id, title: l.title, difficulty: l.difficulty })),
  };
}

/** Creates or updates a course and the lessons listed, in one statement; answers the course as GET does. */
export async function putCourse(db: PrismaClient, input: PutCourseInput): Promise<Course> {
  const lessons = (input.lessons ?? []).map((l) => ({ id: l.lessonId, title: l.title ?? null, difficulty: l.difficulty ?? null }));
  const database = driverOf(db);
  await database.query(
    `WITH c AS (
       INSERT INTO course (id, name, difficulty) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, course.name), difficulty = COALESCE(EXCLUDED.difficulty, course.difficulty)
       RETURNING id
     )
     INSERT INTO lesson (course_id, id, name, difficulty)
     SELECT (SELECT id FROM c), x.id, x.title, x.difficulty FROM jsonb_to_recordset($4::jsonb) AS x(id text, title text, difficulty text) ORDER BY x.id
     ON CONFLICT (course_id, id) DO UPDATE SET name = COALESCE(EXCLUDED.name, lesson.name), difficulty = COALESCE(EXCLUDED.difficulty, lesson.difficulty)`,
    [input.courseId, input.title ?? null, input.difficulty ?? null, JSON.stringify(lessons)],
  );
  forgetCatalogTitles(
    database,
    input.courseId,
    lessons.map((l) => l.id),
  );
  return getCourse(db, input.courseId);
}
