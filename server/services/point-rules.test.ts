import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { courseDone, DOMAIN_DEFAULT_RULES, lesson } from "@/test/engine-fixtures";
import { setAchievementActive } from "./achievements/catalog";
import { listAudit } from "./audit";
import { recordEvent } from "./events";
import {
  addCourseOverride,
  getPointRules,
  removeCourseOverride,
  setOrganisationTimezone,
  updateCourseOverride,
  updatePointRules,
} from "./point-rules";
import { setOrganisationTimezone as fromPeriods } from "./periods";

const admin = { adminId: null, actor: "rules@example.test" };
const table = { lessonEasy: 1, lessonMedium: 2, lessonHard: 3, courseEasy: 40, courseMedium: 50, courseHard: 60 };
const db = (await setUpTestDatabase()).prisma;

describe("point rules", () => {
  const awarded = async (e: Parameters<typeof recordEvent>[1]) => (await recordEvent(db, e)).outcome.pointsAwarded;

  it("starts from the defaults of DOMAIN.md, with no overrides", async () => {
    const { rules, overrides } = await getPointRules(db);
    expect(rules).toMatchObject({ ...DOMAIN_DEFAULT_RULES, timezone: "UTC" });
    expect(overrides).toEqual([]);
  });

  it("an edit bumps the rules version, is audited, and the next event uses it (earlier ones keep theirs)", async () => {
    expect(await awarded(lesson("r-1", "l-1", "2026-11-02T10:00:00Z", { difficulty: "medium" }))).toBe(25);
    const before = (await getPointRules(db)).rules.rulesVersion;
    try {
      const rules = await updatePointRules(db, { lessonMedium: 30, loginPoints: 2 }, admin);
      expect(rules).toMatchObject({ lessonMedium: 30, loginPoints: 2, rulesVersion: before + 1 });
      expect(await awarded(lesson("r-1", "l-2", "2026-11-02T11:00:00Z", { difficulty: "medium" }))).toBe(30);
      const ledger = await db.ledgerEntry.findMany({ where: { learner: { userId: "r-1" } }, orderBy: { id: "asc" } });
      expect(ledger.map((r) => r.points)).toEqual([25, 30]);

      const { rows } = await listAudit(db, { limit: 1, category: "rules" });
      expect(rows[0]).toMatchObject({
        action: "rules.update",
        actor: "rules@example.test",
        details: { lessonMedium: { from: 25, to: 30 }, loginPoints: { from: 0, to: 2 } },
      });
    } finally {
      // Back to the defaults, which the other tests of this file count on.
      await updatePointRules(db, { lessonMedium: 25, loginPoints: 0 }, admin);
    }
  });

  it("an edit that changes nothing neither bumps nor audits", async () => {
    const { rules } = await getPointRules(db);
    const auditBefore = (await listAudit(db, { limit: 100 })).rows.length;
    const same = await updatePointRules(db, { lessonMedium: rules.lessonMedium }, admin);
    expect(same.rulesVersion).toBe(rules.rulesVersion);
    expect((await listAudit(db, { limit: 100 })).rows.length).toBe(auditBefore);
  });

  it("an achievement change reloads the engine but leaves the rules version and its date alone", async () => {
    const { rules } = await getPointRules(db);
    const { configVersion } = await db.orgSettings.findUniqueOrThrow({ where: { id: 1 } });
    await setAchievementActive(db, "courses-10", false, admin);
    await setAchievementActive(db, "courses-10", true, admin);
    const after = (await getPointRules(db)).rules;
    expect(after.rulesVersion).toBe(rules.rulesVersion);
    expect(after.updatedAt).toEqual(rules.updatedAt);
    expect((await db.orgSettings.findUniqueOrThrow({ where: { id: 1 } })).configVersion).toBe(configVersion + 2);
  });

  it("refuses negative, fractional and huge values with a 400 naming the field", async () => {
    await expect(updatePointRules(db, { courseHard: -1 }, admin)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      issues: [{ path: ["courseHard"] }],
    });
    await expect(updatePointRules(db, { streakDayPoints: 2.5 }, admin)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(updatePointRules(db, { lessonEasy: 10_000_000 }, admin)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("adds, edits and removes a per-course override, each applying to later events", async () => {
    // The course need not exist yet: an override can be set up before the LMS sends its first event.
    const added = await addCourseOverride(db, "c-override", table, admin);
    expect(added).toMatchObject({ courseId: "c-override", courseName: null, ...table });
    await expect(addCourseOverride(db, "c-override", table, admin)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await awarded(lesson("r-2", "l-1", "2026-11-03T10:00:00Z", { courseId: "c-override", difficulty: "hard" }))).toBe(3);
    expect(await awarded(lesson("r-2", "l-9", "2026-11-03T10:05:00Z", { courseId: "other-course", difficulty: "hard" }))).toBe(50);

    await updateCourseOverride(db, "c-override", { ...table, lessonHard: 7 }, admin);
    expect(await awarded(lesson("r-2", "l-2", "2026-11-03T11:00:00Z", { courseId: "c-override", difficulty: "hard" }))).toBe(7);

    await removeCourseOverride(db, "c-override", admin);
    const done = await recordEvent(db, courseDone("r-2", "c-override", "2026-11-03T12:00:00Z"));
    expect(done.outcome.awards.find((a) => a.reason === "course.completed")?.points).toBe(100);
    await expect(removeCourseOverride(db, "c-override", admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateCourseOverride(db, "c-override", table, admin)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const { rows } = await listAudit(db, { limit: 10, target: "course:c-override" });
    expect(rows.map((r) => r.action)).toEqual(["rules.override.remove", "rules.override.update", "rules.override.create"]);
    expect(rows[1]!.details).toEqual({ lessonHard: { from: 3, to: 7 } });
  });

  it("sets the organisation's zone: validated, audited, and the same function periods.ts exports", async () => {
    expect(fromPeriods).toBe(setOrganisationTimezone);
    await expect(setOrganisationTimezone(db, "Mars/Olympus", admin)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const version = (await getPointRules(db)).rules.rulesVersion;
    await setOrganisationTimezone(db, "Europe/Paris", admin);
    try {
      const { rules } = await getPointRules(db);
      expect(rules).toMatchObject({ timezone: "Europe/Paris", rulesVersion: version + 1 });
      const { rows } = await listAudit(db, { limit: 1 });
      expect(rows[0]).toMatchObject({ action: "rules.timezone", details: { from: "UTC", to: "Europe/Paris" } });
    } finally {
      await setOrganisationTimezone(db, "UTC");
    }
  });
});
