import { describe, expect, it } from "vitest";
import { growLevelBands, levelBandProblems } from "./level-curve";

describe("growLevelBands", () => {
  it("starts at 0 and grows each band by the factor, rounded to tidy numbers", () => {
    expect(growLevelBands(50, 2, 5).map((b) => b.startPoints)).toEqual([0, 50, 150, 350, 750]);
    const starts = growLevelBands(100, 1.3, 10).map((b) => b.startPoints);
    const sizes = starts.slice(1).map((s, i) => s - starts[i]!);
    expect(sizes[0]).toBe(100);
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]! % 10).toBe(0);
      expect(Math.abs(sizes[i]! / sizes[i - 1]! - 1.3)).toBeLessThan(0.06);
    }
    expect(growLevelBands(10, 1, 3, ["A", "B"]).map((b) => [b.number, b.name])).toEqual([
      [1, "A"],
      [2, "B"],
      [3, "Level 3"],
    ]);
  });

  it("gives a valid ladder", () => {
    expect(levelBandProblems(growLevelBands(1, 1.01, 100))).toEqual([]);
  });
});

describe("levelBandProblems", () => {
  it("names each wrong field: level 1 not at 0, a start not above the previous, an empty name", () => {
    expect(
      levelBandProblems([
        { name: "A", startPoints: 5 },
        { name: " ", startPoints: 100 },
        { name: "C", startPoints: 100 },
      ]),
    ).toEqual([
      { index: 0, field: "startPoints", message: "level 1 must start at 0" },
      { index: 1, field: "name", message: "must not be empty" },
      { index: 2, field: "startPoints", message: "must be more than level 2's start (100)" },
    ]);
  });
});
