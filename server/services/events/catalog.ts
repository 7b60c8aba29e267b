import type { Database, Sql } from "@/server/db";
import type { EventInput } from "@/server/schemas/events";
import { lessonKey } from "./apply-event";

// Courses and lessons as the LMS names them, inserted by the ingestion transaction itself (ingest.ts), so that
// a request the database refuses leaves none behind. The insert comes first in the transaction, in id order,
// so two requests naming the same new course only wait for each other (a deadlock, should one still happen,
// is run again like any other). Names seen committed are remembered per database for the process's life
// (they are never deleted) and not inserted again; the registry is global for the two copies of this module
// in the production server. Titles (API.md Revision 2: the latest an event gives is the title) are written when
// an event gives one this process has not written or seen for that course or lesson, so a title repeated by
// every event (xAPI's definition.name) costs no write, and no lock, after the first.
const catalogs = ((globalThis as unknown as Record<symbol, unknown>)[Symbol.for("gamify.knownCatalog")] ??= new WeakMap<
  object,
  KnownCatalog
>()) as WeakMap<object, KnownCatalog>;
/** Course ids and lessonKeys seen committed, with the title this process last wrote or saw for each (null: none). */
type KnownCatalog = Map<string, string | null>;
const CATALOG_MAX = 500_000;

/** Courses and lessons that events name and this process has not seen committed. */
export interface CatalogEntries {
  /** By id: the title to write, or null to only make sure the course exists. */
  courses: Map<string, string | null>;
  lessons: Map<string, { course_id: string; id: string; title: string | null }>;
}

function knownCatalog(database: Database): KnownCatalog {
  let catalog = catalogs.get(database);
  if (!catalog) catalogs.set(database, (catalog = new Map()));
  return catalog;
}

/** Whether `key` is to be written: not seen yet, or given a title other than the one last written or seen. */
const isNews = (catalog: KnownCatalog, key: string, title: string | undefined) =>
  !catalog.has(key) || (title !== undefined && catalog.get(key) !== title);

/** What of the events' courses and lessons may be new or newly titled (null: nothing); in request order, the last title wins. */
export function unknownCatalogEntries(database: Database, events: EventInput[]): CatalogEntries | null {
  const catalog = knownCatalog(database);
  const courses: CatalogEntries["courses"] = new Map();
  const lessons: CatalogEntries["lessons"] = new Map();
  for (const e of events) {
    if (e.courseId && isNews(catalog, e.courseId, e.courseTitle)) {
      courses.set(e.courseId, e.courseTitle ?? courses.get(e.courseId) ?? null);
    }
    const key = e.type === "lesson.completed" ? lessonKey(e.courseId!, e.lessonId!) : null;
    if (key && isNews(catalog, key, e.lessonTitle)) {
      lessons.set(key, { course_id: e.courseId!, id: e.lessonId!, title: e.lessonTitle ?? lessons.get(key)?.title ?? null });
    }
  }
  return courses.size === 0 && lessons.size === 0 ? null : { courses, lessons };
}

/**
 * Makes sure the entries exist, with their titles; inside the transaction that records the events naming them
 * (on its own for repeated events that only bring a title). An untitled row that exists is left alone (no
 * lock); a titled one is updated when its title differs.
 */
export async function writeCatalog(sql: Sql, entries: CatalogEntries | null): Promise<void> {
  if (!entries) return;
  const titledCourses = [...entries.courses].filter(([, title]) => title !== null).map(([id, title]) => ({ id, title }));
  const titled = new Set(titledCourses.map((c) => c.id));
  const untitledCourses = [...new Set([...entries.courses.keys(), ...[...entries.lessons.values()].map((l) => l.course_id)])].filter(
    (id) => !titled.has(id),
  );
  const lessons = [...entries.lessons.values()];
  await sql.query(
    `WITH c AS (INSERT INTO course (id) SELECT id FROM unnest($1::text[]) AS id ORDER BY id ON CONFLICT DO NOTHING),
     ct AS (
       INSERT INTO course (id, name) SELECT x.id, x.title FROM jsonb_to_recordset($2::jsonb) AS x(id text, title text) ORDER BY 1
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE course.name IS DISTINCT FROM EXCLUDED.name
     ), lt AS (
       INSERT INTO lesson (course_id, id, name)
       SELECT x.course_id, x.id, x.title FROM jsonb_to_recordset($3::jsonb) AS x(course_id text, id text, title text) WHERE x.title IS NOT NULL ORDER BY 1, 2
       ON CONFLICT (course_id, id) DO UPDATE SET name = EXCLUDED.name WHERE lesson.name IS DISTINCT FROM EXCLUDED.name
     )
     INSERT INTO lesson (course_id, id)
     SELECT x.course_id, x.id FROM jsonb_to_recordset($3::jsonb) AS x(course_id text, id text, title text) WHERE x.title IS NULL ORDER BY 1, 2
     ON CONFLICT DO NOTHING`,
    [untitledCourses, JSON.stringify(titledCourses), JSON.stringify(lessons)],
  );
}

/** After the transaction committed: the entries exist, so later events naming them skip the insert. */
export function rememberCatalog(database: Database, entries: CatalogEntries | null): void {
  if (!entries) return;
  const catalog = knownCatalog(database);
  if (catalog.size > CATALOG_MAX) catalog.clear();
  // An untitled entry keeps the title already known (the row's title is unchanged).
  for (const [id, title] of entries.courses) catalog.set(id, title ?? catalog.get(id) ?? null);
  for (const [key, l] of entries.lessons) catalog.set(key, l.title ?? catalog.get(key) ?? null);
}

/** After a PUT /courses/{courseId}: its titles are the PUT's now, so an event giving the old ones writes them again. */
export function forgetCatalogTitles(database: Database, courseId: string, lessonIds: string[]): void {
  const catalog = knownCatalog(database);
  catalog.delete(courseId);
  for (const id of lessonIds) catalog.delete(lessonKey(courseId, id));
}
