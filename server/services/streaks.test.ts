import { describe, expect, it } from "vitest";
import { readStreak, type StreakSummary } from "./streaks";

// The current streak a learner sees, read from the summary on their row at any moment.
const run: StreakSummary = { longestStreak: 5, lastActiveDate: "2026-11-26", runStartDate: "2026-11-24" };

describe("readStreak", () => {
  it("counts the run ending today, and still yesterday, but not after a missed day", () => {
    expect(readStreak(run, "UTC", new Date("2026-11-26T12:00:00Z"))).toEqual({
      current: 3,
      longest: 5,
      lastActiveDate: "2026-11-26",
      activeToday: true,
      freezes: { available: 0, usedOn: [] },
    });
    expect(readStreak(run, "UTC", new Date("2026-11-27T23:59:00Z"))).toMatchObject({ current: 3, activeToday: false });
    expect(readStreak(run, "UTC", new Date("2026-11-28T00:00:00Z"))).toMatchObject({ current: 0, longest: 5 });
  });

  it("reads today in the learner's zone", () => {
    // 15:30 UTC on the 27th is already the 28th in Tokyo: the run ending on the 26th is broken there.
    const now = new Date("2026-11-27T15:30:00Z");
    expect(readStreak(run, "UTC", now).current).toBe(3);
    expect(readStreak(run, "Asia/Tokyo", now).current).toBe(0);
  });

  it("a last active day ahead of today (a clock a little ahead) still counts", () => {
    expect(readStreak(run, "UTC", new Date("2026-11-25T23:00:00Z"))).toMatchObject({ current: 3, activeToday: true });
  });

  it("a learner with no active day has no streak", () => {
    const none: StreakSummary = { longestStreak: 0, lastActiveDate: null, runStartDate: null };
    expect(readStreak(none, "UTC", new Date("2026-11-26T12:00:00Z"))).toEqual({
      current: 0,
      longest: 0,
      lastActiveDate: null,
      activeToday: false,
      freezes: { available: 0, usedOn: [] },
    });
  });
});
