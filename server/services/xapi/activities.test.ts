import { describe, expect, it } from "vitest";
import { statementSchema } from "@/server/schemas/xapi";
import { base, course, COURSE, COURSE_TYPE, eventOf, ignoredReason, inCourse, LESSON, map, onCourse, parse } from "@/test/xapi-statements";
import { scoreOf } from "./activities";

// What a statement is about, as the mapping reads it (API.md Revision 2, "xAPI: what real emitters send"): the
// lesson (the activity, not the attempt or the fragment), the titles, the score, and what is validated at all.

describe("one activity is one lesson, whatever the attempt", () => {
  const QUIZ = "https://lms.example.com/mod/quiz/view.php?id=412";
  const ATTEMPT = "http://adlnet.gov/expapi/activities/attempt";
  const quiz = { id: QUIZ, definition: { type: "http://id.tincanapi.com/activitytype/lms/module", name: { en: "Week 1 quiz" } } };
  const attempt = (n: number, parent: object[]) => ({
    ...base,
    object: {
      id: `https://lms.example.com/mod/quiz/attempt.php?attempt=${n}&cmid=412`,
      definition: { type: ATTEMPT, name: { en: "Attempt" } },
    },
    context: { contextActivities: { parent } },
  });

  it("takes object.id without its #fragment", () => {
    for (const [id, lesson] of [
      ["https://lms.example.com/mod/lesson/view.php?id=55#lesson", "https://lms.example.com/mod/lesson/view.php?id=55"],
      ["https://lms.example.com/mod/scorm/view.php?id=88#sco", "https://lms.example.com/mod/scorm/view.php?id=88"],
      [LESSON, LESSON],
    ]) {
      expect(eventOf(map({ ...inCourse, object: { id } })).lessonId).toBe(lesson);
    }
  });

  it("an attempt's lesson is its first parent that is not an attempt, a section or a course, titled by it", () => {
    const section = {
      id: "https://lms.example.com/course/section.php?id=7",
      definition: { type: "http://id.tincanapi.com/activitytype/section" },
    };
    const outer = { id: "https://lms.example.com/attempts/9", definition: { type: ATTEMPT } };
    for (const parent of [
      [quiz, course(COURSE)],
      [section, outer, course(COURSE), quiz],
    ]) {
      expect(eventOf(map(attempt(101, parent)))).toMatchObject({
        type: "lesson.completed",
        courseId: COURSE,
        lessonId: QUIZ,
        lessonTitle: "Week 1 quiz",
      });
    }
    expect(eventOf(map(attempt(101, [quiz, course(COURSE)]))).id).toBe(eventOf(map(attempt(102, [quiz, course(COURSE)]))).id);
    expect(eventOf(map(attempt(101, [quiz, course(COURSE)]))).id).toBe(eventOf(map({ ...inCourse, object: quiz })).id);
    expect(ignoredReason(map(attempt(101, [section, course(COURSE)])))).toBe("no-lesson");
  });

  it("a question of a multi-question problem (a GroupActivity parent) is the problem", () => {
    const problem = {
      objectType: "GroupActivity",
      id: "https://courses.example.org/xblock/problem-1",
      definition: { name: { "en-US": "Three questions" } },
    };
    const question = {
      ...inCourse,
      object: { id: "https://courses.example.org/xblock/problem-1_2_1" },
      context: { contextActivities: { parent: [problem], grouping: [course(COURSE)] } },
    };
    expect(eventOf(map(question))).toMatchObject({ lessonId: problem.id, lessonTitle: "Three questions", courseId: COURSE });
    expect(eventOf(map({ ...inCourse, object: problem })).id).toBe(eventOf(map(question)).id);
  });
});

describe("titles from definition.name", () => {
  const named = (name: object) => ({
    ...inCourse,
    object: { id: LESSON, definition: { name } },
    context: {
      contextActivities: {
        parent: [{ ...course(COURSE), definition: { type: COURSE_TYPE, name: { fr: "Cours", "en-US": "Course (US)" } } }],
      },
    },
  });

  it("takes en, else en-US, else the first language, trimmed to at most 200 characters", () => {
    expect(eventOf(map(named({ de: "Lektion", "en-US": "Lesson (US)", en: " Lesson " })))).toMatchObject({
      lessonTitle: "Lesson",
      courseTitle: "Course (US)",
    });
    expect(eventOf(map(named({ de: "Lektion", "en-US": "Lesson (US)" }))).lessonTitle).toBe("Lesson (US)");
    expect(eventOf(map(named({ de: "Lektion", fr: "Leçon" }))).lessonTitle).toBe("Lektion");
    expect(eventOf(map(named({ en: "x".repeat(300) }))).lessonTitle).toHaveLength(200);
    expect(eventOf(map(named({ en: "   " }))).lessonTitle).toBeUndefined();
    expect(eventOf(map(inCourse))).not.toHaveProperty("lessonTitle");
  });
});

describe("the score", () => {
  const scored = (score: object) => scoreOf(parse({ ...base, result: { score } }));

  it("reads raw, min and max first, else scaled x 100 (negative read as 0), rounded", () => {
    expect(scored({ raw: 7, min: 0, max: 8 })).toEqual({ score: 88 });
    expect(scored({ raw: 51, min: 1, max: 101, scaled: 0.5 })).toEqual({ score: 50 });
    expect(scored({ scaled: 0.876 })).toEqual({ score: 88 });
    expect(scored({ scaled: -0.5 })).toEqual({ score: 0 });
    // Without min, raw and max are no score (API.md: all three, else scaled).
    expect(scored({ raw: 7, max: 8 })).toEqual({});
    expect(scored({ raw: 7 })).toEqual({});
  });

  it("reads Moodle's scores right: scaled is 2 x (raw - min) / (max - min) - 1 there", () => {
    expect(scored({ raw: 50, min: 0, max: 100, scaled: 0 })).toEqual({ score: 50 });
    expect(scored({ raw: 75, min: 0, max: 100, scaled: 0.5 })).toEqual({ score: 75 });
    expect(scored({ raw: 0, min: 0, max: 100, scaled: -1 })).toEqual({ score: 0 });
  });

  it("a raw outside [min, max] or a scaled outside [-1, 1] is invalid", () => {
    for (const score of [
      { raw: 5, min: 0, max: 3, scaled: 1 },
      { raw: 5, max: 3 },
      { raw: -1, min: 0 },
      { raw: 1, min: 2, max: 1 },
      { scaled: 1.5 },
      { scaled: -1.01 },
    ]) {
      expect(scored(score), JSON.stringify(score)).toHaveProperty("invalid");
    }
    expect(map({ ...inCourse, result: { score: { raw: 5, min: 0, max: 3 } } })).toMatchObject({
      kind: "ignored",
      reason: "invalid-score",
      detail: "result.score.raw 5 is outside [0, 3]",
    });
    expect(ignoredReason(map({ ...onCourse, result: { score: { scaled: 2 } } }))).toBe("invalid-score");
  });

  it("carries the score on completions", () => {
    const on = (score: object) => eventOf(map({ ...inCourse, result: { score } })).score;
    expect(on({ raw: 9, min: 0, max: 10 })).toBe(90);
    expect(on({ raw: 45, min: 0, max: 60 })).toBe(75);
    expect(on({ scaled: 1 })).toBe(100);
    expect(on({ scaled: -0.25 })).toBe(0);
    expect(eventOf(map({ ...onCourse, result: { score: { scaled: 0.5 } } })).score).toBe(50);
  });

  it("leaves the score out when the statement gives none that can be read", () => {
    for (const result of [
      undefined,
      { completion: true },
      { score: {} },
      { score: { raw: 7 } },
      { score: { raw: 7, min: 7, max: 7 } },
      { score: { scaled: "0.5" } },
    ]) {
      expect("score" in eventOf(map({ ...inCourse, result })), JSON.stringify(result)).toBe(false);
    }
  });
});

describe("validating only what the mapping reads", () => {
  it("accepts what breaks the spec elsewhere: a GroupActivity object, non-IRI context ids, two identifiers, a parent that is no activity", () => {
    const accepted = [
      { ...inCourse, object: { objectType: "GroupActivity", id: LESSON } },
      {
        ...inCourse,
        context: {
          contextActivities: { parent: [course(COURSE)], grouping: [{ id: "438AD672-DE2C-4F0B-8876-35444E7DD746" }, "junk", null] },
        },
      },
      { ...inCourse, actor: { mbox: "mailto:a@example.com", account: { name: "u-1" } } },
      { ...inCourse, context: { contextActivities: { parent: [{ name: "x" }, course(COURSE)] } } },
      { ...inCourse, result: { success: "yes", score: "high" } },
    ];
    for (const s of accepted)
      expect(eventOf(map(s)), JSON.stringify(s)).toMatchObject({
        type: "lesson.completed",
        userId: "u-1",
        courseId: COURSE,
        lessonId: LESSON,
      });
  });

  it("a timestamp that is no ISO instant with a zone makes the statement ignored (invalid-event)", () => {
    expect(map({ ...inCourse, timestamp: "2026-11-20 09:12" })).toMatchObject({
      kind: "ignored",
      reason: "invalid-event",
      detail: expect.stringMatching(/^timestamp /),
    });
  });

  it("refuses only a statement without actor, verb IRI or object", () => {
    const paths = (s: unknown) => statementSchema.safeParse(s).error?.issues.map((i) => i.path.join("."));
    expect(paths({ ...base, actor: undefined })).toEqual(["actor"]);
    expect(paths({ ...base, verb: { id: "completed" } })).toEqual(["verb.id"]);
    expect(paths({ ...base, verb: { display: { en: "did" } } })).toEqual(["verb.id"]);
    expect(paths({ ...base, object: "lesson" })).toEqual(["object"]);
    expect(paths({ ...base, id: "12345" })).toEqual(["id"]);
  });
});
