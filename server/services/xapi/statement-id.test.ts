import { describe, expect, it } from "vitest";
import { statementSchema, type Statement } from "@/server/schemas/xapi";
import { deterministicStatementId, semanticEventId, statementContentHash, uuidV5 } from "./statement-id";

const parse = (s: unknown): Statement => statementSchema.parse(s);
const base = {
  actor: { name: "Ada", account: { homePage: "https://lms.example.com", name: "u-1" } },
  verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
  object: { id: "https://lms.example.com/lesson/1" },
  timestamp: "2026-11-25T10:00:00Z",
};

describe("xAPI statement and event ids", () => {
  it("computes UUID v5 as RFC 9562 does", () => {
    // The DNS namespace example: uuid5(NAMESPACE_DNS, "www.example.com").
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("derives the id from the whole content: the same instant in another offset is the same, any other difference is another", () => {
    const id = (raw: Record<string, unknown>) => deterministicStatementId(raw, parse(raw));
    expect(id(base)).toBe(
      id({
        ...base,
        timestamp: "2026-11-25T11:00:00+01:00",
        stored: "2026-11-25T10:00:05Z",
        version: "1.0.3",
        authority: { mbox: "mailto:lrs@example.com" },
      }),
    );
    expect(id(base)).toBe(id(Object.fromEntries(Object.entries(base).reverse())));
    // Moodle's SCORM commit: same actor, verb, object and second, one with a score and one without.
    expect(id({ ...base, result: { score: { raw: 80, min: 0, max: 100 } } })).not.toBe(id(base));
    expect(id({ ...base, context: { extensions: { "https://example.com/event": "status_submitted" } } })).not.toBe(id(base));
    expect(id({ ...base, actor: { ...base.actor, name: "Ada L." } })).not.toBe(id(base));
    expect(id({ ...base, timestamp: "2026-11-25T10:00:01Z" })).not.toBe(id(base));
  });

  it("compares content ignoring what an LRS may assign", () => {
    const a = parse(base);
    expect(statementContentHash({ ...base, id: "x", stored: "y", version: "1.0.3" }, a)).toBe(statementContentHash({ ...base }, a));
    expect(statementContentHash({ ...base, result: { completion: true } }, a)).not.toBe(statementContentHash({ ...base }, a));
  });

  it("names a derived event by its type, learner, course and lesson, whatever statement reported it", () => {
    expect(semanticEventId("course.completed", "u-1", "urn:c:1")).toMatch(/^xapi:course\.completed:[0-9a-f]{40}$/);
    expect(semanticEventId("lesson.completed", "u-1", "urn:c:1", "urn:l:1")).not.toBe(
      semanticEventId("lesson.completed", "u-1", "urn:c:1", "urn:l:2"),
    );
    expect(semanticEventId("lesson.completed", "u-1", "urn:c:1", "urn:l:1")).not.toBe(
      semanticEventId("lesson.completed", "u-2", "urn:c:1", "urn:l:1"),
    );
  });
});
