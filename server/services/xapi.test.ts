import { describe, expect, it } from "vitest";
import { statementSchema, type Statement } from "@/server/schemas/xapi";
import { deterministicStatementId, mapStatement, resolveCourse, scoreOf, semanticEventId, statementContentHash, uuidV5 } from "./xapi";

const parse = (s: unknown): Statement => statementSchema.parse(s);
const course = (id: string, type = "http://adlnet.gov/expapi/activities/course") => ({ id, definition: { type } });
const base = {
  actor: { name: "Ada", account: { homePage: "https://lms.example.com", name: "u-1" } },
  verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
  object: { id: "https://lms.example.com/lesson/1" },
  timestamp: "2026-11-25T10:00:00Z",
};

describe("xAPI mapping helpers", () => {
  it("computes UUID v5 as RFC 9562 does", () => {
    // The DNS namespace example: uuid5(NAMESPACE_DNS, "www.example.com").
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("derives the same id for the same actor, verb, object and instant, whatever the display name or offset", () => {
    const a = parse(base);
    const b = parse({ ...base, actor: { ...base.actor, name: "Ada L." }, timestamp: "2026-11-25T11:00:00+01:00" });
    expect(deterministicStatementId(a)).toBe(deterministicStatementId(b));
    expect(deterministicStatementId(a)).not.toBe(deterministicStatementId(parse({ ...base, timestamp: "2026-11-25T10:00:01Z" })));
  });

  it("compares content ignoring what an LRS may assign", () => {
    const a = parse(base);
    expect(statementContentHash({ ...base, id: "x", stored: "y", version: "1.0.3" }, a)).toBe(statementContentHash({ ...base }, a));
    expect(statementContentHash({ ...base, result: { completion: true } }, a)).not.toBe(statementContentHash({ ...base }, a));
  });

  it("takes the course from the object, then the first course-typed parent, then grouping", () => {
    expect(resolveCourse(parse({ ...base, object: course("urn:c:obj") }))).toBe("urn:c:obj");
    const ctx = { contextActivities: { grouping: [course("urn:c:group")], parent: [{ id: "urn:p:module" }, course("urn:c:parent")] } };
    expect(resolveCourse(parse({ ...base, context: ctx }))).toBe("urn:c:parent");
    expect(resolveCourse(parse({ ...base, context: { contextActivities: { grouping: course("urn:c:single") } } }))).toBe("urn:c:single");
    expect(resolveCourse(parse(base))).toBeNull();
  });

  it("scores scaled x 100, else raw/max x 100, rounded and within 0-100", () => {
    expect(scoreOf(parse({ ...base, result: { score: { scaled: 0.876 } } }))).toBe(88);
    expect(scoreOf(parse({ ...base, result: { score: { raw: 7, max: 8 } } }))).toBe(88);
    expect(scoreOf(parse({ ...base, result: { score: { scaled: -0.5 } } }))).toBe(0);
    expect(scoreOf(parse({ ...base, result: { score: { raw: 7 } } }))).toBeUndefined();
  });

  it("names derived events by meaning, so completed and passed are one course completion", () => {
    const completed = mapStatement(parse({ ...base, object: course("urn:c:1") }), "s-1", new Date());
    const passed = mapStatement(parse({ ...base, verb: { id: "http://adlnet.gov/expapi/verbs/passed" }, object: course("urn:c:1"), timestamp: "2026-11-26T10:00:00Z" }), "s-2", new Date());
    expect(completed).toMatchObject({ kind: "event", event: { id: semanticEventId("course.completed", "u-1", "urn:c:1"), type: "course.completed" } });
    expect(passed.kind === "event" && completed.kind === "event" && passed.event.id === completed.event.id).toBe(true);
  });
});
