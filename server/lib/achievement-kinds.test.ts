import { describe, expect, it } from "vitest";
import { achievementFormSchema } from "@/server/schemas/admin";
import { achievementKeySchema, criterionSchema } from "@/server/schemas/achievements";
import { ACHIEVEMENT_KINDS, declarationOf, parametersOf } from "./achievement-kinds";

// The declaration every layer reads: the sentences the dashboard shows, the parameters the schemas ask for.

describe("achievement kinds", () => {
  it("are the kinds the API accepts, and nothing else", () => {
    expect(ACHIEVEMENT_KINDS).toEqual([
      "lessons_completed",
      "courses_completed",
      "streak_days",
      "total_points",
      "perfect_course",
      "speed_course",
      "period_rank",
    ]);
    for (const kind of ACHIEVEMENT_KINDS) expect(criterionSchema.safeParse({ kind, threshold: 1 }).success).toBe(true);
    expect(criterionSchema.safeParse({ kind: "constructor", threshold: 1 }).success).toBe(false);
    expect(declarationOf("constructor")).toBeUndefined();
  });

  it("describe each criterion as a sentence", () => {
    const sentence = (c: { kind: string; threshold: number; withinHours?: number; period?: string }) => declarationOf(c.kind)!.describe(c);
    expect(sentence({ kind: "lessons_completed", threshold: 1 })).toBe("Complete 1 lesson");
    expect(sentence({ kind: "courses_completed", threshold: 3 })).toBe("Complete 3 courses");
    expect(sentence({ kind: "streak_days", threshold: 7 })).toBe("Be active 7 days in a row");
    expect(sentence({ kind: "total_points", threshold: 1000 })).toBe("Earn 1,000 points (achievement points excluded)");
    expect(sentence({ kind: "perfect_course", threshold: 1 })).toBe("Score 100 in 1 course");
    expect(sentence({ kind: "speed_course", threshold: 1 })).toBe("Finish a course within 24 hours of starting it");
    expect(sentence({ kind: "speed_course", threshold: 1, withinHours: 1 })).toBe("Finish a course within 1 hour of starting it");
    expect(sentence({ kind: "period_rank", threshold: 3, period: "weekly" })).toBe("Finish a week in the top 3 of the global board");
    expect(sentence({ kind: "period_rank", threshold: 1, period: "monthly" })).toBe("Finish a month in the top 1 of the global board");
    expect(sentence({ kind: "period_rank", threshold: 10, period: "any" })).toBe(
      "Finish a week or month in the top 10 of the global board",
    );
  });

  it("give a criterion only its kind's parameter, with the default when none is stored", () => {
    expect(parametersOf("lessons_completed", { withinHours: 5, period: "weekly" })).toEqual({});
    expect(parametersOf("speed_course", { withinHours: null, period: "weekly" })).toEqual({ withinHours: 24 });
    expect(parametersOf("speed_course", { withinHours: 6 })).toEqual({ withinHours: 6 });
    expect(parametersOf("period_rank", { withinHours: 6, period: null })).toEqual({ period: "any" });
    expect(parametersOf("period_rank", { period: "monthly" })).toEqual({ period: "monthly" });
    expect(parametersOf("no_such_kind", { withinHours: 6 })).toEqual({});
  });

  it("make the form ask for the parameter its kind takes", () => {
    const base = { key: "k", name: "K", iconUrl: "icon:timer", points: 1 };
    const issues = (criterion: object) => {
      const r = achievementFormSchema.safeParse({ ...base, criterion });
      return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(issues({ kind: "speed_course", threshold: 1 })).toEqual([["criterion.withinHours", "is required for a speed achievement"]]);
    expect(issues({ kind: "period_rank", threshold: 3 })).toEqual([["criterion.period", "is required for a rank achievement"]]);
    expect(issues({ kind: "speed_course", threshold: 1, withinHours: 2 })).toEqual([]);
    expect(issues({ kind: "lessons_completed", threshold: 3 })).toEqual([]);
  });

  it("give the form placeholders of their own kind (no streak example for a lessons achievement)", () => {
    const examples = ACHIEVEMENT_KINDS.map((kind) => declarationOf(kind)!.example);
    expect(new Set(examples.map((e) => e.name)).size).toBe(ACHIEVEMENT_KINDS.length);
    for (const e of examples) expect(achievementKeySchema.safeParse(e.key).success, e.key).toBe(true);
    expect(declarationOf("lessons_completed")!.example.description).toMatch(/lessons/);
    expect(declarationOf("streak_days")!.example.description).toMatch(/days in a row/);
    expect(declarationOf("total_points")!.example.description).toMatch(/points/);
  });
});
