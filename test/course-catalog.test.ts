import { describe, expect, it } from "vitest";
import { setUpRestServer } from "@/test/http-server";
import { countRows } from "@/test/table-counts";
import { driverOf } from "@/server/db";

// API.md Revision 2, "Course catalogue: titles and difficulty", over HTTP as an LMS calls it.

const { db, call } = await setUpRestServer("catalog-lms");

const rows = () => countRows(driverOf(db.prisma));
const catalogRows = async () => ({
  courses: await db.prisma.course.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, difficulty: true } }),
  lessons: await db.prisma.lesson.findMany({
    orderBy: [{ courseId: "asc" }, { id: "asc" }],
    select: { courseId: true, id: true, name: true, difficulty: true },
  }),
});

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const lessonEvent = (id: string, userId: string, courseId: string, lessonId: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "lesson.completed",
  userId,
  courseId,
  lessonId,
  occurredAt: hourAgo(),
  ...extra,
});
const pointsFor = (outcome: { awards: { reason: string; points: number }[] }, reason: string) =>
  outcome.awards.filter((a) => a.reason === reason).reduce((n, a) => n + a.points, 0);

describe("PUT and GET /courses/{courseId}", () => {
  it("creates a course and its lessons, answers it, and a later PUT changes only what it names", async () => {
    const put = await call("PUT", "/courses/statistics", {
      title: "Statistics for beginners",
      difficulty: "medium",
      lessons: [{ lessonId: "lesson-9", title: "Standard deviation", difficulty: "hard" }, { lessonId: "lesson-1" }],
    });
    const course = {
      courseId: "statistics",
      title: "Statistics for beginners",
      difficulty: "medium",
      lessons: [
        { lessonId: "lesson-1", title: null, difficulty: null },
        { lessonId: "lesson-9", title: "Standard deviation", difficulty: "hard" },
      ],
    };
    expect(put).toEqual({ status: 200, body: course });
    expect(await call("GET", "/courses/statistics")).toEqual({ status: 200, body: course });

    const again = await call("PUT", "/courses/statistics", { lessons: [{ lessonId: "lesson-1", title: "The mean" }] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...course, lessons: [{ lessonId: "lesson-1", title: "The mean", difficulty: null }, course.lessons[1]] });
  });

  it("answers a course an event named, with null titles, and 404 for a course nobody named", async () => {
    expect((await call("POST", "/events", lessonEvent("cat-e-1", "cat-ada", "git-flow", "branches"))).status).toBe(201);
    expect(await call("GET", "/courses/git-flow")).toEqual({
      status: 200,
      body: { courseId: "git-flow", title: null, difficulty: null, lessons: [{ lessonId: "branches", title: null, difficulty: null }] },
    });
    const unknown = await call("GET", "/courses/never-named");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
  });

  it("takes a course id that is a URL, percent-encoded in the path", async () => {
    const id = "https://lms.example.test/course/view.php?id=7";
    expect((await call("PUT", `/courses/${encodeURIComponent(id)}`, { title: "Moodle course 7" })).body).toMatchObject({
      courseId: id,
      title: "Moodle course 7",
    });
    expect((await call("GET", `/courses/${encodeURIComponent(id)}`)).body).toMatchObject({ courseId: id, title: "Moodle course 7" });
  });

  it("refuses bad input with a 400 naming the field, and stores nothing", async () => {
    const before = await rows();
    const catalog = await catalogRows();
    const cases: [string, unknown, (string | number)[]][] = [
      ["/courses/new-course", { title: "" }, ["title"]],
      ["/courses/new-course", { title: "x".repeat(201) }, ["title"]],
      ["/courses/new-course", { title: "Bad\u0000title" }, ["title"]],
      ["/courses/new-course", { title: 42 }, ["title"]],
      ["/courses/new-course", { difficulty: "extreme" }, ["difficulty"]],
      ["/courses/new-course", { lessons: "lesson-1" }, ["lessons"]],
      ["/courses/new-course", { lessons: [{ title: "No id" }] }, ["lessons", 0, "lessonId"]],
      ["/courses/new-course", { lessons: [{ lessonId: "a" }, { lessonId: "a", title: "Twice" }] }, ["lessons", 1, "lessonId"]],
      ["/courses/new-course", { lessons: [{ lessonId: "a", difficulty: "trivial" }] }, ["lessons", 0, "difficulty"]],
      [`/courses/${"c".repeat(129)}`, { title: "Too long an id" }, ["courseId"]],
      ["/courses/%20%20", { title: "Blank id" }, ["courseId"]],
      ["/courses/statistics", { title: "Changed", lessons: [{ lessonId: "lesson-9", title: "y".repeat(201) }] }, ["lessons", 0, "title"]],
    ];
    for (const [path, body, field] of cases) {
      const r = await call("PUT", path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe("BAD_REQUEST");
      expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual(field);
    }
    const bad = await call("GET", `/courses/${"c".repeat(129)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(["courseId"]);
    expect((await call("GET", "/courses/%ZZ")).status).toBe(400);

    expect(await rows()).toEqual(before);
    expect(await catalogRows()).toEqual(catalog);
    expect((await call("GET", "/courses/new-course")).status).toBe(404);
  });
});

describe("titles on events", () => {
  it("stores the titles an event carries; the same id with a title added or changed is a duplicate, and its title the title", async () => {
    const first = lessonEvent("cat-t-1", "cat-bob", "algebra", "lesson-2");
    expect((await call("POST", "/events", first)).status).toBe(201);
    const withTitles = { ...first, courseTitle: "Algebra I", lessonTitle: "Linear equations" };
    const repeat = await call("POST", "/events", withTitles);
    expect(repeat.status).toBe(200);
    expect(repeat.body.duplicate).toBe(true);
    expect((await call("GET", "/courses/algebra")).body).toEqual({
      courseId: "algebra",
      title: "Algebra I",
      difficulty: null,
      lessons: [{ lessonId: "lesson-2", title: "Linear equations", difficulty: null }],
    });

    const renamed = await call("POST", "/events/batch", { events: [{ ...withTitles, lessonTitle: "Solving linear equations" }] });
    expect(renamed.body.results[0]).toMatchObject({ status: "duplicate" });
    const next = await call(
      "POST",
      "/events",
      lessonEvent("cat-t-2", "cat-bob", "algebra", "lesson-3", { courseTitle: "Algebra 1", lessonTitle: "Quadratics" }),
    );
    expect(next.status).toBe(201);
    expect((await call("GET", "/courses/algebra")).body).toMatchObject({
      title: "Algebra 1",
      lessons: [
        { lessonId: "lesson-2", title: "Solving linear equations" },
        { lessonId: "lesson-3", title: "Quadratics" },
      ],
    });

    // Whichever came last, a PUT or an event, gave the title.
    await call("PUT", "/courses/algebra", { title: "Algebra, first year" });
    await call("POST", "/events", lessonEvent("cat-t-3", "cat-ann", "algebra", "lesson-3", { courseTitle: "Algebra 1" }));
    expect((await call("GET", "/courses/algebra")).body.title).toBe("Algebra 1");
  });

  it("refuses a title of 201 characters or an empty one, naming it, and stores nothing", async () => {
    const before = await rows();
    for (const [field, value] of [
      ["lessonTitle", "t".repeat(201)],
      ["courseTitle", ""],
      ["courseTitle", "  "],
      ["lessonTitle", 7],
    ] as const) {
      const r = await call(
        "POST",
        "/events",
        lessonEvent(`cat-bad-${field}-${String(value).length}`, "cat-eve", "physics", "optics", { [field]: value }),
      );
      expect(r.status).toBe(400);
      expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual([field]);
    }
    expect(await rows()).toEqual(before);
    expect((await call("GET", "/courses/physics")).status).toBe(404);
  });
});

describe("difficulty from the catalogue", () => {
  it("pays an event without a difficulty by its lesson's or course's catalogue difficulty, else easy", async () => {
    await call("PUT", "/courses/rocketry", { difficulty: "hard", lessons: [{ lessonId: "nozzles", difficulty: "medium" }] });
    const batch = await call("POST", "/events/batch", {
      events: [
        lessonEvent("cat-d-1", "cat-kim", "rocketry", "nozzles"),
        lessonEvent("cat-d-2", "cat-kim", "rocketry", "fuel"),
        lessonEvent("cat-d-3", "cat-lee", "rocketry", "nozzles", { difficulty: "easy" }),
        { id: "cat-d-4", type: "course.completed", userId: "cat-kim", courseId: "rocketry", occurredAt: hourAgo() },
        { id: "cat-d-5", type: "course.completed", userId: "cat-lee", courseId: "algebra", occurredAt: hourAgo() },
      ],
    });
    expect(batch.status).toBe(200);
    const outcomes = batch.body.results.map((r: { result: { awards: { reason: string; points: number }[] } }) => r.result);
    expect(pointsFor(outcomes[0], "lesson.completed")).toBe(25); // the lesson's medium
    expect(pointsFor(outcomes[1], "lesson.completed")).toBe(10); // no lesson difficulty: easy (not the course's)
    expect(pointsFor(outcomes[2], "lesson.completed")).toBe(10); // the event's own difficulty wins
    expect(pointsFor(outcomes[3], "course.completed")).toBe(500); // the course's hard
    expect(pointsFor(outcomes[4], "course.completed")).toBe(100); // no course difficulty: easy
  });
});
