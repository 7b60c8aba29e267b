import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { createApiKey } from "@/server/services/api-keys";
import { createTestDatabase } from "@/test/database";
import { startRestServer } from "@/test/http-server";

// The statements real LMS emitters write (test/fixtures/xapi/emitters, one file per shape), sent over HTTP as
// Moodle's logstore_xapi and Open edX's event-routing-backends send them, and what a learner's stats, their
// ledger and the dashboard's statement log show afterwards (API.md, Revision 2, "xAPI: what real emitters send").

const db = await createTestDatabase();
const server = await startRestServer(db);
const { key } = await createApiKey(db.prisma, "emitters");
afterAll(async () => {
  await server.close();
  await db.drop();
});

type Json = Record<string, unknown>;
const EMITTERS_DIR = path.join(import.meta.dirname, "fixtures", "xapi", "emitters");
const shape = (name: string): Json[] =>
  (JSON.parse(fs.readFileSync(path.join(EMITTERS_DIR, `${name}.json`), "utf8")) as { statements: Json[] }).statements;
const SHAPES = fs
  .readdirSync(EMITTERS_DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

/** The statements of a shape for another learner (ids dropped), so one shape can be sent again. */
function forLearner(statements: Json[], userId: string): Json[] {
  return statements.map((s) => {
    const copy = structuredClone(s);
    delete copy.id;
    (copy.actor as { account: { name: string } }).account.name = userId;
    const ref = (copy.context as { statement?: unknown } | undefined)?.statement;
    if (ref) delete (copy.context as { statement?: unknown }).statement;
    return copy;
  });
}

async function post(body: unknown) {
  const res = await fetch(`${server.url}/api/v1/xapi/statements`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`moodle:${key}`).toString("base64")}`,
      "x-experience-api-version": "1.0.3",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function stats(userId: string) {
  const res = await fetch(`${server.url}/api/v1/users/${encodeURIComponent(userId)}/stats`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: res.status, body: await res.json() };
}

/** The learner's ledger, oldest first: why each row was written and its points. */
async function ledger(userId: string) {
  const rows = await db.prisma.ledgerEntry.findMany({ where: { learner: { userId } }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ reason: r.reason, points: r.points, lessonId: r.lessonId }));
}

/** The statement log of one learner as the dashboard shows it, oldest first. */
async function log(userId: string) {
  const { rows } = await admin.admin.xapi.log({ userId, limit: 100 });
  return rows.reverse();
}

const { id: adminId } = await createAdmin(db.prisma, { email: "emitters@example.test", password: "long-enough" });
const admin = createCaller(
  createInnerContext({
    db: db.prisma,
    databaseKind: db.kind,
    session: { adminId, expires: new Date(Date.now() + 3_600_000).toISOString() },
  }),
);

const counts = async () => ({
  statements: await db.prisma.xapiStatement.count(),
  events: await db.prisma.event.count(),
  ledger: await db.prisma.ledgerEntry.count(),
});

describe("Moodle's SCORM commit: scoreraw_submitted and status_submitted for one SCO in the same second", () => {
  it("are two statements in one batch (no 400), and the SCO and its module are one lesson", async () => {
    const r = await post(shape("moodle-scorm-commit"));
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(3);
    expect(new Set(r.body).size).toBe(3);
    expect((await stats("scorm-learner")).body).toMatchObject({ lessonsCompleted: 1, coursesCompleted: 0, points: { allTime: 10 } });
    expect(await ledger("scorm-learner")).toEqual([
      { reason: "lesson.completed", points: 10, lessonId: "https://learn.example.edu/mod/scorm/view.php?id=88" },
    ]);
    const rows = await log("scorm-learner");
    expect(rows.map((s) => [s.status, s.reason])).toEqual([
      ["applied", null],
      ["ignored", "event-exists"],
      ["ignored", "event-exists"],
    ]);
    expect(rows.every((s) => s.eventId === rows[0]!.eventId && s.mappingVersion === 1)).toBe(true);
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: rows[0]!.eventId! } });
    expect(event).toMatchObject({
      lessonId: "https://learn.example.edu/mod/scorm/view.php?id=88",
      courseId: "https://learn.example.edu/course/view.php?id=30",
    });
    expect((event.payload as Json).score).toBe(80);
  });

  it("are two statements in two requests (no 409)", async () => {
    const [scoreraw, status] = forLearner(shape("moodle-scorm-commit"), "scorm-two-requests");
    const first = await post(scoreraw);
    const second = await post(status);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body[0]).not.toBe(first.body[0]);
    expect((await log("scorm-two-requests")).map((s) => s.reason)).toEqual([null, "event-exists"]);
    // Sent again, each is the statement it was: nothing changes.
    const before = await counts();
    expect((await post(status)).body).toEqual(second.body);
    expect(await counts()).toEqual(before);
  });
});

describe("Moodle quiz attempts: one quiz is one lesson", () => {
  it("two attempts and the module completion pay once, for the quiz, titled by the quiz", async () => {
    const r = await post(shape("moodle-quiz-retake"));
    expect(r.status).toBe(200);
    const quiz = "https://learn.example.edu/mod/quiz/view.php?id=412";
    expect((await stats("quiz-learner")).body).toMatchObject({ lessonsCompleted: 1, points: { allTime: 10 } });
    expect(await ledger("quiz-learner")).toEqual([{ reason: "lesson.completed", points: 10, lessonId: quiz }]);
    const rows = await log("quiz-learner");
    expect(rows.map((s) => [s.status, s.reason])).toEqual([
      ["applied", null],
      ["ignored", "event-exists"],
      ["ignored", "event-exists"],
    ]);
    expect(rows[0]).toMatchObject({ lessonTitle: "Week 1 quiz", courseTitle: "Statistics II" });
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: rows[0]!.eventId! } });
    expect(event).toMatchObject({ lessonId: quiz, courseId: "https://learn.example.edu/course/view.php?id=31" });
    // The first attempt's score, read from raw/min/max (Moodle's scaled 0 would have read as 0).
    expect((event.payload as Json).score).toBe(50);
    // The titles reach the course catalogue: the course's en-US name, and the lesson's from the quiz, not "Attempt".
    const catalogue = await fetch(`${server.url}/api/v1/courses/${encodeURIComponent("https://learn.example.edu/course/view.php?id=31")}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(catalogue.status).toBe(200);
    expect(await catalogue.json()).toMatchObject({ title: "Statistics II", lessons: [{ lessonId: quiz, title: "Week 1 quiz" }] });
  });

  it("mod_lesson's #lesson fragment and the module completion are one lesson", async () => {
    expect((await post(shape("moodle-lesson-fragment"))).status).toBe(200);
    expect((await stats("lesson-learner")).body).toMatchObject({ lessonsCompleted: 1, points: { allTime: 10 } });
    expect(await ledger("lesson-learner")).toEqual([
      { reason: "lesson.completed", points: 10, lessonId: "https://learn.example.edu/mod/lesson/view.php?id=55" },
    ]);
    expect((await log("lesson-learner")).map((s) => s.reason)).toEqual([null, "event-exists"]);
  });
});

describe("scores", () => {
  it("reads Moodle's 50/100 as 50 and 75/100 as 75, from raw, min and max", async () => {
    expect((await post(shape("moodle-scores"))).status).toBe(200);
    const rows = await log("scores-learner");
    const scores = await Promise.all(
      rows.map(async (s) => ((await db.prisma.event.findUniqueOrThrow({ where: { id: s.eventId! } })).payload as Json).score),
    );
    expect(scores).toEqual([50, 75]);
    expect((await stats("scores-learner")).body).toMatchObject({ lessonsCompleted: 2, points: { allTime: 20 } });
  });

  it("ignores a raw score above its max (invalid-score), answering 200 and recording nothing", async () => {
    const before = await counts();
    const r = await post(shape("moodle-raw-out-of-bounds"));
    expect(r.status).toBe(200);
    expect(await log("bounds-learner")).toMatchObject([{ status: "ignored", reason: "invalid-score", eventId: null }]);
    expect((await stats("bounds-learner")).status).toBe(404);
    expect(await counts()).toEqual({ ...before, statements: before.statements + 1 });
  });

  it("ignores a scaled score outside [-1, 1] (invalid-score), not a 400", async () => {
    const [statement] = forLearner(shape("moodle-scores"), "scaled-learner");
    const r = await post({ ...statement, result: { score: { scaled: 1.5 }, completion: true } });
    expect(r.status).toBe(200);
    expect(await log("scaled-learner")).toMatchObject([{ status: "ignored", reason: "invalid-score" }]);
    expect((await stats("scaled-learner")).status).toBe(404);
  });
});

describe("Open edX shapes that break the spec where the mapping does not read", () => {
  it("a multi-question problem (GroupActivity) beside a course pass in one bulk request: 200, the pass applied", async () => {
    const r = await post(shape("openedx-problem-check-multi"));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(shape("openedx-problem-check-multi").map((s) => s.id));
    const rows = await log("problem-learner");
    expect(rows.map((s) => [s.status, s.reason])).toEqual([
      ["ignored", "unsupported-verb"],
      ["ignored", "unsupported-verb"],
      ["applied", null],
    ]);
    expect(rows[0]!.raw).toMatchObject({ object: { objectType: "GroupActivity" } });
    expect(rows[2]).toMatchObject({ courseTitle: "Statistics 101" });
    expect((await stats("problem-learner")).body).toMatchObject({ coursesCompleted: 1 });
    expect((await ledger("problem-learner")).filter((l) => l.reason === "course.completed")).toHaveLength(1);
  });

  it("a special exam (a grouping id that is no IRI) is accepted and mapped: initialized starts the course", async () => {
    const r = await post(shape("openedx-special-exam"));
    expect(r.status).toBe(200);
    const rows = await log("exam-learner");
    expect(rows.map((s) => [s.status, s.reason])).toEqual([
      ["applied", null],
      ["ignored", "unsupported-verb"],
    ]);
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: rows[0]!.eventId! } });
    expect(event).toMatchObject({
      type: "course.started",
      courseId: "https://courses.example.org/course/course-v1:ExampleX+Stat101+2026_T1",
    });
    expect((await stats("exam-learner")).body).toMatchObject({
      lessonsCompleted: 0,
      coursesCompleted: 0,
      streak: { current: expect.any(Number) },
    });
  });
});

describe("a bulk request of every real shape", () => {
  it("answers 200 with one id per statement and stores every one of them", async () => {
    const batch = SHAPES.flatMap((name) => forLearner(shape(name), `bulk-${name}`));
    const before = await counts();
    const r = await post(batch);
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(batch.length);
    expect(new Set(r.body).size).toBe(batch.length);
    expect((await counts()).statements - before.statements).toBe(batch.length);
    const stored = await db.prisma.xapiStatement.findMany({ where: { id: { in: r.body } } });
    expect(stored).toHaveLength(batch.length);
    expect(stored.every((s) => s.mappingVersion === 1)).toBe(true);
    // The same request again (an emitter's retry) is the same statements: nothing changes.
    const after = await counts();
    expect((await post(batch)).body).toEqual(r.body);
    expect(await counts()).toEqual(after);
  });
});

describe("the mapping as configuration", () => {
  it("the Moodle preset pays a passed assignment (scored) and ignores enrolments, from the version saved on", async () => {
    const graded = shape("moodle-assignment-graded");
    await post(forLearner(graded, "assign-before"));
    expect(await log("assign-before")).toMatchObject([{ status: "ignored", reason: "unsupported-verb", mappingVersion: 1 }]);

    const page = await admin.admin.xapi.mapping();
    const moodle = page.presets.find((p) => p.key === "moodle")!;
    expect(moodle.label).toBe("Moodle (logstore_xapi)");
    const saved = await admin.admin.xapi.saveMapping({ basedOn: page.current.version, rules: moodle.rules });
    expect(saved).toMatchObject({ version: 2, preset: "moodle" });

    await post(graded);
    const [row] = await log("assign-learner");
    expect(row).toMatchObject({
      status: "applied",
      mappingVersion: 2,
      mappingRule: { verb: "http://adlnet.gov/expapi/verbs/scored", success: "true", event: "lesson.completed" },
    });
    expect((await stats("assign-learner")).body).toMatchObject({ lessonsCompleted: 1 });
    expect(await ledger("assign-learner")).toEqual([
      { reason: "lesson.completed", points: 10, lessonId: "https://learn.example.edu/mod/assign/view.php?id=604" },
    ]);
    // The statement decided by version 1 keeps its outcome.
    expect(await log("assign-before")).toMatchObject([{ status: "ignored", reason: "unsupported-verb", mappingVersion: 1 }]);

    const enrolled = {
      ...graded[0],
      verb: { id: "http://adlnet.gov/expapi/verbs/registered" },
      object: {
        id: "https://learn.example.edu/course/view.php?id=34",
        definition: { type: "http://id.tincanapi.com/activitytype/lms/course" },
      },
    };
    await post(forLearner([enrolled], "enrolled-by-admin"));
    expect(await log("enrolled-by-admin")).toMatchObject([{ status: "ignored", reason: "ignored-by-mapping", mappingVersion: 2 }]);
    expect((await stats("enrolled-by-admin")).status).toBe(404);

    const audit = await admin.admin.audit.list({ limit: 5 });
    expect(audit.rows[0]).toMatchObject({
      action: "xapi.mapping.update",
      actor: "emitters@example.test",
      details: expect.objectContaining({ version: { from: 1, to: 2 } }),
    });
  });

  it("the Open edX preset pays a correct multi-question problem once, as the problem", async () => {
    const page = await admin.admin.xapi.mapping();
    const openedx = page.presets.find((p) => p.key === "openedx")!;
    expect(openedx.label).toBe("Open edX (event-routing-backends)");
    await admin.admin.xapi.saveMapping({ basedOn: page.current.version, rules: openedx.rules });
    await post(forLearner(shape("openedx-problem-check-multi"), "problem-openedx"));
    const problem =
      "https://courses.example.org/xblock/block-v1:ExampleX+Stat101+2026_T1+type@problem+block@a0effb954cca4759994f1ac9e9434bf4";
    expect((await log("problem-openedx")).map((s) => [s.status, s.reason])).toEqual([
      ["applied", null],
      ["ignored", "event-exists"],
      ["applied", null],
    ]);
    expect((await ledger("problem-openedx")).filter((l) => l.reason === "lesson.completed")).toEqual([
      { reason: "lesson.completed", points: 10, lessonId: problem },
    ]);
    expect((await stats("problem-openedx")).body).toMatchObject({ lessonsCompleted: 1, coursesCompleted: 1 });
  });

  it("refuses a save based on an older version (CONFLICT) and leaves the mapping in force unchanged", async () => {
    const page = await admin.admin.xapi.mapping();
    await expect(admin.admin.xapi.saveMapping({ basedOn: page.current.version - 1, rules: [] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await admin.admin.xapi.mapping()).current).toEqual(page.current);
  });
});
