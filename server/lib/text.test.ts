import { describe, expect, it } from "vitest";
import { findUnsafeText, MAX_JSON_DEPTH, textProblem, tooDeepAt } from "./text";

describe("textProblem", () => {
  it("refuses NUL, other C0 controls and lone surrogates; an id takes no control at all", () => {
    for (const s of ["a\u0000b", "\u0007", "\u001b[31m", "\ud800", "x\udc00", "Ada \ud83d"]) {
      expect(textProblem(s, "free"), JSON.stringify(s)).not.toBeNull();
      expect(textProblem(s, "id"), JSON.stringify(s)).not.toBeNull();
    }
    for (const s of ["a\tb", "line\nbreak", "cr\r"]) {
      expect(textProblem(s, "free")).toBeNull();
      expect(textProblem(s, "id")).toMatch(/control characters/);
    }
  });

  it("takes any well-formed Unicode, surrogate pairs included", () => {
    for (const s of ["", "Zoë 🦊", "日本語", "\u007f", "https://lms.example/course/7?x=1", "\ud83d\ude00"]) {
      expect(textProblem(s, "id"), JSON.stringify(s)).toBeNull();
    }
  });
});

describe("tooDeepAt", () => {
  const nested = (levels: number) => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);

  it("takes 32 levels (the body is the first) and refuses the 33rd, with its path", () => {
    expect(tooDeepAt(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(tooDeepAt(nested(MAX_JSON_DEPTH + 1))).toEqual(Array(MAX_JSON_DEPTH).fill(0));
    expect(tooDeepAt({ a: [{ b: 1 }], c: "x" })).toBeNull();
  });

  it("walks 100,000 levels without overflowing the stack", () => {
    expect(tooDeepAt(nested(100_000))).toHaveLength(MAX_JSON_DEPTH);
  });
});

describe("findUnsafeText", () => {
  it("names the path of the first refused string, or of the object holding a refused key", () => {
    expect(findUnsafeText({ a: [1, { b: "ok" }, "bad\u0000"] })).toEqual({ path: ["a", 2], message: expect.stringMatching(/control/) });
    expect(findUnsafeText({ ext: { "k\ud800": 1 } })).toEqual({ path: ["ext"], message: expect.stringMatching(/key.*surrogate/) });
    expect(findUnsafeText({ a: "tab\there", b: ["ok", 2, null, true] })).toBeNull();
    expect(findUnsafeText(JSON.parse(`${'{"a":'.repeat(40)}1${"}".repeat(40)}`))?.message).toMatch(/nested deeper than 32/);
  });
});
