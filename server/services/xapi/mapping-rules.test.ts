import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MappingRule } from "@/server/schemas/xapi-mapping";
import { base, course, COURSE, eventOf, ignoredReason, inCourse, LESSON, map, onCourse, withVerb } from "@/test/xapi-statements";
import type { Mapping } from "./mapping";
import { DEFAULT_RULES, MAPPING_PRESETS } from "./presets";
import { VERBS } from "./vocabulary";

// Mapping rules an admin writes and the presets, then the real emitters' shapes mapped alone (no database).

describe("rules an admin writes", () => {
  const SCORED = "http://adlnet.gov/expapi/verbs/scored";
  const rules = (...extra: MappingRule[]) => [
    ...DEFAULT_RULES.filter((r) => !extra.some((e) => e.verb === r.verb && e.activityType === r.activityType)),
    ...extra,
  ];

  it("maps a verb the default ignores, under its conditions, and says which rule decided", () => {
    const rule: MappingRule = { verb: SCORED, success: "true", event: "lesson.completed" };
    expect(map(withVerb({ ...inCourse, result: { success: true } }, SCORED), "s", rules(rule))).toMatchObject({
      kind: "event",
      rule,
      event: { type: "lesson.completed", lessonId: LESSON },
    });
    expect(map(withVerb(inCourse, SCORED), "s", rules(rule))).toEqual({ kind: "ignored", reason: "not-successful", rule });
    expect(map(withVerb({ ...inCourse, result: { success: true } }, SCORED))).toEqual({
      kind: "ignored",
      reason: "unsupported-verb",
      detail: SCORED,
    });
  });

  it("ignores a verb mapped to ignored, naming the rule", () => {
    const rule: MappingRule = { verb: VERBS.registered, event: "ignored" };
    expect(map(withVerb(onCourse, VERBS.registered), "s", rules(rule))).toEqual({ kind: "ignored", reason: "ignored-by-mapping", rule });
  });

  it("prefers the rule for the object's activity type, then for a course, then for the verb alone", () => {
    const TYPE = "http://adlnet.gov/expapi/activities/assessment";
    const typed: MappingRule = { verb: VERBS.completed, activityType: TYPE, event: "ignored" };
    const withTyped = rules(typed);
    expect(map({ ...inCourse, object: { id: LESSON, definition: { type: TYPE } } }, "s", withTyped)).toMatchObject({
      reason: "ignored-by-mapping",
      rule: typed,
    });
    expect(eventOf(map(inCourse, "s", withTyped)).type).toBe("lesson.completed");
    expect(eventOf(map(onCourse, "s", withTyped)).type).toBe("course.completed");
    const cmi5Course: MappingRule = {
      verb: VERBS.completed,
      activityType: "https://w3id.org/xapi/cmi5/activitytype/course",
      event: "ignored",
    };
    expect(map({ ...base, object: course(COURSE, cmi5Course.activityType) }, "s", rules(cmi5Course))).toMatchObject({
      reason: "ignored-by-mapping",
    });
    expect(eventOf(map(onCourse, "s", rules(cmi5Course))).type).toBe("course.completed");
  });

  it("with no rules at all, every verb is unsupported; voiding is always voiding", () => {
    expect(ignoredReason(map(inCourse, "s", []))).toBe("unsupported-verb");
    expect(
      ignoredReason(
        map(
          { ...withVerb(base, VERBS.voided), object: { objectType: "StatementRef", id: "6d1f033b-3f70-458c-b53a-e6bb63cb0001" } },
          "s",
          [],
        ),
      ),
    ).toBe("voiding");
  });

  it("the presets are the default plus graded work as lessons and enrolments ignored", () => {
    const preset = (key: string) => MAPPING_PRESETS.find((p) => p.key === key)!.rules;
    expect(preset("default")).toEqual(DEFAULT_RULES);
    const passedAssignment = withVerb({ ...inCourse, result: { success: true, score: { raw: 1, min: 0, max: 2 } } }, SCORED);
    expect(eventOf(map(passedAssignment, "s", preset("moodle")))).toMatchObject({ type: "lesson.completed", score: 50 });
    const correct = { ...inCourse, object: { objectType: "GroupActivity", id: LESSON }, result: { success: true } };
    for (const verb of [VERBS.answered, VERBS.evaluated]) {
      expect(eventOf(map(withVerb(correct, verb), "s", preset("openedx"))).type).toBe("lesson.completed");
      expect(ignoredReason(map(withVerb({ ...correct, result: { success: false } }, verb), "s", preset("openedx")))).toBe("not-successful");
    }
    for (const key of ["moodle", "openedx"]) {
      for (const verb of [VERBS.registered, VERBS.enrolled])
        expect(ignoredReason(map(withVerb(onCourse, verb), "s", preset(key)))).toBe("ignored-by-mapping");
      expect(eventOf(map(inCourse, "s", preset(key))).type).toBe("lesson.completed");
    }
  });
});

describe("the emitters' shapes (test/fixtures/xapi/emitters), mapped alone", () => {
  const dir = path.join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "xapi", "emitters");
  const shape = (name: string) =>
    (JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as { statements: unknown[] }).statements.map((s) => map(s));
  const ids = (mappings: Mapping[]) => mappings.map((m) => eventOf(m).id);

  it("Moodle's SCORM commit and the module completion mean one lesson", () => {
    const mappings = shape("moodle-scorm-commit");
    expect(new Set(ids(mappings)).size).toBe(1);
    expect(eventOf(mappings[0]!)).toMatchObject({
      lessonId: "https://learn.example.edu/mod/scorm/view.php?id=88",
      score: 80,
      courseTitle: "Workplace Safety",
    });
  });

  it("two quiz attempts and the quiz's completion mean one lesson, the quiz", () => {
    const mappings = shape("moodle-quiz-retake");
    expect(new Set(ids(mappings)).size).toBe(1);
    expect(mappings.map((m) => eventOf(m).score)).toEqual([50, 75, undefined]);
    expect(eventOf(mappings[0]!)).toMatchObject({
      lessonId: "https://learn.example.edu/mod/quiz/view.php?id=412",
      lessonTitle: "Week 1 quiz",
      courseTitle: "Statistics II",
    });
  });

  it("the Open edX shapes that broke the spec map like any other", () => {
    expect(shape("openedx-special-exam").map(ignoredReason)).toEqual(["event course.started", "unsupported-verb"]);
    expect(shape("openedx-problem-check-multi").map(ignoredReason)).toEqual([
      "unsupported-verb",
      "unsupported-verb",
      "event course.completed",
    ]);
    expect(shape("moodle-raw-out-of-bounds").map(ignoredReason)).toEqual(["invalid-score"]);
  });
});
