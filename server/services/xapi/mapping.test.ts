import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  base,
  course,
  COURSE,
  COURSE_TYPE,
  eventOf,
  ignoredReason,
  inCourse,
  LESSON,
  map,
  onCourse,
  parse,
  RECEIVED,
  withVerb,
} from "@/test/xapi-statements";
import { courseOf } from "./activities";
import { semanticEventId } from "./statement-id";
import { MOODLE_4_COURSE_TYPE, MOODLE_4_LOGIN_VERBS, VERBS } from "./vocabulary";

// The mapping alone, with no database: the fixtures in the shapes real emitters send (test/fixtures/xapi, which
// test/xapi.test.ts and test/xapi-emitters.test.ts also send over HTTP), and small statements for each row of
// API.md's mapping table (the default rules), then for rules an admin writes. activities.test.ts holds what a
// statement is about (lesson, titles, score) and what is validated.

describe("the fixtures in real emitters' shapes", () => {
  type Expected =
    | { ignored: string }
    | { type: string; userId: string; courseId?: string; lessonId?: string; score?: number; occurredAt?: string; displayName?: string };
  const dir = path.join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "xapi");
  const fixtures = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f, ...(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { statement: unknown; expect: Expected }) }));

  it("finds them", () => expect(fixtures.length).toBeGreaterThanOrEqual(20));

  it.each(fixtures)("$name becomes what it expects", ({ statement, expect: expected }) => {
    const mapping = map(statement);
    if ("ignored" in expected) {
      expect(ignoredReason(mapping)).toBe(expected.ignored);
      return;
    }
    const event = eventOf(mapping);
    expect(event.type).toBe(expected.type);
    expect(event.userId).toBe(expected.userId);
    expect(event.courseId).toBe(expected.courseId);
    expect(event.lessonId).toBe(expected.lessonId);
    expect(event.score).toBe(expected.score);
    if (expected.occurredAt) expect(new Date(event.occurredAt).toISOString()).toBe(expected.occurredAt);
    if (expected.displayName) expect(event.user?.displayName).toBe(expected.displayName);
  });
});

describe("API.md's table: each verb to its event type", () => {
  it.each([VERBS.completed, VERBS.passed, VERBS.mastered, VERBS.satisfied])("%s on the course is course.completed", (verb) => {
    expect(eventOf(map(withVerb(onCourse, verb)))).toMatchObject({ type: "course.completed", userId: "u-1", courseId: COURSE });
  });

  it.each([VERBS.completed, VERBS.passed, VERBS.mastered])("%s on another activity in a course is lesson.completed", (verb) => {
    expect(eventOf(map(withVerb(inCourse, verb)))).toMatchObject({ type: "lesson.completed", courseId: COURSE, lessonId: LESSON });
  });

  it("satisfied completes a course only (API.md's table): on another activity it has no rule", () => {
    expect(ignoredReason(map(withVerb(inCourse, VERBS.satisfied)))).toBe("unsupported-verb");
  });

  it("completions with success or completion false are not completions", () => {
    for (const result of [{ success: false }, { completion: false }, { success: true, completion: false }]) {
      expect(ignoredReason(map({ ...inCourse, result })), JSON.stringify(result)).toBe("not-successful");
      expect(ignoredReason(map({ ...onCourse, result })), JSON.stringify(result)).toBe("not-successful");
    }
    expect(eventOf(map({ ...inCourse, result: { success: true, completion: true } })).type).toBe("lesson.completed");
  });

  it("progressed with result.completion true in a course is lesson.completed; otherwise ignored", () => {
    const progressed = withVerb(inCourse, VERBS.progressed);
    expect(eventOf(map({ ...progressed, result: { completion: true } }))).toMatchObject({
      type: "lesson.completed",
      courseId: COURSE,
      lessonId: LESSON,
    });
    expect(ignoredReason(map(progressed))).toBe("not-complete");
    expect(ignoredReason(map({ ...progressed, result: { completion: false } }))).toBe("not-complete");
    expect(ignoredReason(map({ ...withVerb(onCourse, VERBS.progressed), result: { completion: true } }))).toBe("course-progress");
    expect(ignoredReason(map({ ...withVerb(base, VERBS.progressed), result: { completion: true } }))).toBe("no-course");
  });

  it.each([VERBS.registered, VERBS.enrolled, VERBS.launched, VERBS.initialized])(
    "%s that resolves to a course is course.started",
    (verb) => {
      expect(eventOf(map(withVerb(onCourse, verb)))).toMatchObject({ type: "course.started", courseId: COURSE });
      const inside = eventOf(map(withVerb(inCourse, verb)));
      expect(inside).toMatchObject({ type: "course.started", courseId: COURSE });
      expect(inside.lessonId).toBeUndefined();
      expect(ignoredReason(map(withVerb(base, verb)))).toBe("no-course");
    },
  );

  it.each([VERBS.login, VERBS.loggedIn, ...MOODLE_4_LOGIN_VERBS])("%s is user.login, named by its statement, course or not", (verb) => {
    const event = eventOf(map(withVerb(base, verb), "stmt-42"));
    expect(event).toMatchObject({ type: "user.login", id: "xapi:user.login:stmt-42", userId: "u-1" });
    expect(event.courseId).toBeUndefined();
  });
});

describe("the course, the lesson, the time and the learner", () => {
  it("takes the course from the object, then the first course-typed parent, then grouping", () => {
    const courseId = (s: unknown) => courseOf(parse(s))?.id ?? null;
    expect(courseId({ ...base, object: course("urn:c:obj") })).toBe("urn:c:obj");
    const ctx = { contextActivities: { grouping: [course("urn:c:group")], parent: [{ id: "urn:p:module" }, course("urn:c:parent")] } };
    expect(courseId({ ...base, context: ctx })).toBe("urn:c:parent");
    expect(courseId({ ...base, context: { contextActivities: { grouping: course("urn:c:single") } } })).toBe("urn:c:single");
    expect(courseId(base)).toBeNull();
  });

  it("resolves the course the same way when mapping: object, else parent, else grouping", () => {
    const both = { contextActivities: { parent: [course("urn:c:parent")], grouping: [course("urn:c:group")] } };
    expect(eventOf(map({ ...onCourse, context: both })).courseId).toBe(COURSE);
    expect(eventOf(map({ ...base, context: both })).courseId).toBe("urn:c:parent");
    expect(
      eventOf(map({ ...base, context: { contextActivities: { grouping: [{ id: "https://lms.example.com" }, course("urn:c:group")] } } }))
        .courseId,
    ).toBe("urn:c:group");
    // A parent or grouping activity without a course type is not the course.
    expect(ignoredReason(map({ ...base, context: { contextActivities: { parent: [{ id: COURSE }], grouping: [{ id: "urn:g" }] } } }))).toBe(
      "no-course",
    );
  });

  it("knows each course type: ADL's, cmi5's and Moodle 4's", () => {
    for (const type of [COURSE_TYPE, "https://w3id.org/xapi/cmi5/activitytype/course", MOODLE_4_COURSE_TYPE]) {
      expect(eventOf(map({ ...base, object: course(COURSE, type) })), type).toMatchObject({ type: "course.completed", courseId: COURSE });
    }
  });

  it("takes the lesson from object.id", () => {
    const lesson = "https://lms.example.com/mod/quiz/view.php?id=412";
    expect(
      eventOf(map({ ...inCourse, object: { id: lesson, definition: { type: "http://id.tincanapi.com/activitytype/lms/module" } } }))
        .lessonId,
    ).toBe(lesson);
  });

  it("takes occurredAt from timestamp, else the time received", () => {
    expect(eventOf(map(inCourse)).occurredAt).toBe("2026-11-25T10:00:00Z");
    expect(eventOf(map({ ...inCourse, timestamp: undefined })).occurredAt).toBe(RECEIVED.toISOString());
  });

  it("takes the learner from actor.account.name and a display name from actor.name, trimmed", () => {
    expect(eventOf(map({ ...inCourse, actor: { ...base.actor, name: "  Ada Lovelace  " } }))).toMatchObject({
      userId: "u-1",
      user: { displayName: "Ada Lovelace" },
    });
    expect(eventOf(map({ ...inCourse, actor: { ...base.actor, name: "x".repeat(200) } })).user?.displayName).toHaveLength(120);
    expect(eventOf(map({ ...inCourse, actor: { account: base.actor.account } })).user).toBeUndefined();
    expect(ignoredReason(map({ ...inCourse, actor: { openid: "https://id.example.com/ada" } }))).toBe("no-learner");
  });
});

describe("what is ignored, and why", () => {
  it("a voiding statement changes nothing, whoever the actor", () => {
    const voiding = { ...withVerb(base, VERBS.voided), object: { objectType: "StatementRef", id: "6d1f033b-3f70-458c-b53a-e6bb63cb0001" } };
    expect(ignoredReason(map(voiding))).toBe("voiding");
    expect(ignoredReason(map({ ...voiding, actor: { objectType: "Group", account: base.actor.account } }))).toBe("voiding");
  });

  it("other verbs are ignored, naming the verb", () => {
    for (const verb of [
      "http://adlnet.gov/expapi/verbs/failed",
      "http://adlnet.gov/expapi/verbs/attempted",
      "https://example.com/verbs/completed",
    ]) {
      expect(map(withVerb(inCourse, verb))).toEqual({ kind: "ignored", reason: "unsupported-verb", detail: verb });
    }
  });

  it("a Group actor is not a learner, even with an account", () => {
    expect(ignoredReason(map({ ...onCourse, actor: { objectType: "Group", account: base.actor.account } }))).toBe("group-actor");
    const members = [{ mbox: "mailto:ada@example.com" }, { mbox: "mailto:grace@example.com" }];
    expect(ignoredReason(map({ ...withVerb(base, VERBS.login), actor: { objectType: "Group", member: members } }))).toBe("group-actor");
  });

  it("a completion or a start with no course to resolve is ignored", () => {
    expect(ignoredReason(map(base))).toBe("no-course");
    expect(ignoredReason(map(withVerb(base, VERBS.launched)))).toBe("no-course");
    expect(
      ignoredReason(
        map({ ...base, context: { contextActivities: { category: [course("urn:c:category")], other: [course("urn:c:other")] } } }),
      ),
    ).toBe("no-course");
  });

  it("an object that is not an activity, or has no id, is ignored, except for a login", () => {
    expect(ignoredReason(map({ ...inCourse, object: { definition: { type: COURSE_TYPE } } }))).toBe("object-not-activity");
    const agent = { objectType: "Agent", account: { homePage: "https://lms.example.com", name: "u-2" } };
    expect(ignoredReason(map({ ...inCourse, object: agent }))).toBe("object-not-activity");
    expect(
      ignoredReason(
        map({
          ...withVerb(inCourse, VERBS.registered),
          object: { objectType: "StatementRef", id: "6d1f033b-3f70-458c-b53a-e6bb63cb0001" },
        }),
      ),
    ).toBe("object-not-activity");
    expect(eventOf(map({ ...withVerb(base, VERBS.login), object: agent })).type).toBe("user.login");
  });
});

describe("derived event ids name the meaning, not the statement", () => {
  it("names derived events by meaning, so completed and passed are one course completion", () => {
    const completed = map({ ...base, object: course("urn:c:1") }, "s-1");
    const passed = map(
      { ...base, verb: { id: "http://adlnet.gov/expapi/verbs/passed" }, object: course("urn:c:1"), timestamp: "2026-11-26T10:00:00Z" },
      "s-2",
    );
    expect(completed).toMatchObject({
      kind: "event",
      event: { id: semanticEventId("course.completed", "u-1", "urn:c:1"), type: "course.completed" },
    });
    expect(passed.kind === "event" && completed.kind === "event" && passed.event.id === completed.event.id).toBe(true);
  });

  it("one lesson completed twice, by other statements with other scores, is one event", () => {
    const first = eventOf(map({ ...inCourse, result: { score: { scaled: 0.5 } } }, "s-1"));
    const again = eventOf(
      map({ ...withVerb(inCourse, VERBS.progressed), result: { completion: true }, timestamp: "2026-11-27T10:00:00Z" }, "s-2"),
    );
    expect(first.id).toBe(semanticEventId("lesson.completed", "u-1", COURSE, LESSON));
    expect(again.id).toBe(first.id);
  });

  it("every start of one course is one course.started, whichever verb or activity reported it", () => {
    const ids = [VERBS.registered, VERBS.enrolled, VERBS.launched, VERBS.initialized].flatMap((verb) => [
      eventOf(map(withVerb(onCourse, verb))).id,
      eventOf(map(withVerb(inCourse, verb))).id,
    ]);
    expect(new Set(ids)).toEqual(new Set([semanticEventId("course.started", "u-1", COURSE)]));
  });

  it("other learners, courses or lessons are other events", () => {
    const id = eventOf(map(inCourse)).id;
    expect(eventOf(map({ ...inCourse, actor: { account: { ...base.actor.account, name: "u-2" } } })).id).not.toBe(id);
    expect(eventOf(map({ ...inCourse, object: { id: "https://lms.example.com/lesson/2" } })).id).not.toBe(id);
    expect(
      eventOf(map({ ...inCourse, context: { contextActivities: { parent: [course("https://lms.example.com/course/2")] } } })).id,
    ).not.toBe(id);
  });
});
