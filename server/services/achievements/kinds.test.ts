import { describe, expect, it } from "vitest";
import { ACHIEVEMENT_KINDS } from "@/server/lib/achievement-kinds";
import { criterionHolds, progressToward, qualifyingCondition, type LearnerProgress } from "./kinds";

// The rules of each kind without a database: when it holds, the progress learners see, the backfill's
// parameters. The backfill's SQL itself runs in test/learners.test.ts and test/periods.test.ts.

const progress: LearnerProgress = { lessonsCompleted: 4, coursesCompleted: 2, longestStreak: 6, activityPoints: 900, perfectCourses: 1 };
const criterion = (kind: string, threshold: number, more: { withinHours?: number; period?: string } = {}) => ({
  kind,
  threshold,
  withinHours: more.withinHours ?? null,
  period: more.period ?? null,
});

describe("achievement kind rules", () => {
  it("judge the counted kinds from the learner's totals", () => {
    const counted = { lessons_completed: 4, courses_completed: 2, streak_days: 6, total_points: 900, perfect_course: 1 };
    for (const [kind, value] of Object.entries(counted)) {
      expect(criterionHolds(criterion(kind, value), progress), kind).toBe(true);
      expect(criterionHolds(criterion(kind, value + 1), progress), kind).toBe(false);
      expect(progressToward(criterion(kind, value * 2), progress), kind).toEqual({ current: value, target: value * 2 });
      expect(progressToward(criterion(kind, 1), progress), kind).toEqual({ current: 1, target: 1 });
    }
  });

  it("judge speed_course from the event's completion time, within its hours (24 by default)", () => {
    const hours = (h: number) => ({ speedGapMs: h * 3_600_000 });
    expect(criterionHolds(criterion("speed_course", 1), progress)).toBe(false);
    expect(criterionHolds(criterion("speed_course", 1), progress, hours(24))).toBe(true);
    expect(criterionHolds(criterion("speed_course", 1), progress, hours(24.01))).toBe(false);
    expect(criterionHolds(criterion("speed_course", 1, { withinHours: 2 }), progress, hours(2))).toBe(true);
    expect(criterionHolds(criterion("speed_course", 1, { withinHours: 2 }), progress, hours(3))).toBe(false);
    expect(progressToward(criterion("speed_course", 1), progress)).toEqual({ current: 0, target: 1 });
  });

  it("never award period_rank at an event: the period close does", () => {
    expect(criterionHolds(criterion("period_rank", 100), progress, { speedGapMs: 0 })).toBe(false);
    expect(progressToward(criterion("period_rank", 3), progress)).toEqual({ current: 0, target: 1 });
  });

  it("bind the backfill's parameters in order", () => {
    const backfill = (a: ReturnType<typeof criterion>) => {
      const params: unknown[] = ["after", "limit"];
      const sql = qualifyingCondition(a, (v) => `$${params.push(v)}`);
      return { sql, params: params.slice(2) };
    };
    expect(backfill(criterion("total_points", 500))).toEqual({ sql: "(l.points - l.achievement_points) >= $3", params: [500] });
    expect(backfill(criterion("speed_course", 1))).toMatchObject({ sql: expect.stringContaining("hours => $3::int"), params: [24] });
    const rank = backfill(criterion("period_rank", 3, { period: "weekly" }));
    expect(rank.params).toEqual([3, "weekly"]);
    expect(rank.sql).toContain("$4 = 'any' OR pc.period = $4");
    expect(backfill(criterion("period_rank", 3)).params).toEqual([3, "any"]);
  });

  it("cover every declared kind, and no other", () => {
    for (const kind of ACHIEVEMENT_KINDS)
      expect(
        qualifyingCondition(criterion(kind, 1), () => "$3"),
        kind,
      ).toBeDefined();
    expect(qualifyingCondition(criterion("toString", 1), () => "$3")).toBeUndefined();
    expect(criterionHolds(criterion("toString", 1), progress)).toBe(false);
    expect(progressToward(criterion("toString", 5), progress)).toEqual({ current: 0, target: 5 });
  });
});
