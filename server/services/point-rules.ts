import type { CoursePointOverride, OrgSettings, PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError, type Issue } from "@/server/errors";
import { writeAudit, type AuditActor } from "./audit";
import { isValidTimeZone } from "@/server/lib/calendar";
import { trimmedWithin } from "./admin-input";
import { bumpConfigVersion } from "./rules";

// The point rules admins edit (DOMAIN.md "Points"): the tier values, streak-day and login points, the
// per-course overrides and the organisation's zone. Every change bumps the config version in the same
// transaction (so ingestion reloads its cached rules on the next event), the rules version admins read, and
// writes one audit row.
// Changes apply to later events only: nothing here touches the ledger.

export const TIER_FIELDS = ["lessonEasy", "lessonMedium", "lessonHard", "courseEasy", "courseMedium", "courseHard"] as const;
export const RULE_FIELDS = [...TIER_FIELDS, "streakDayPoints", "loginPoints"] as const;
export type TierField = (typeof TIER_FIELDS)[number];
export type RuleField = (typeof RULE_FIELDS)[number];
export type PointTable = Record<TierField, number>;
export type RuleValues = Record<RuleField, number>;

/** The most points one rule may award: generous, yet far from overflowing a learner's 32-bit total. */
export const MAX_RULE_POINTS = 100_000;

export interface PointRules extends RuleValues {
  timezone: string;
  /** Moves with each change to the point values, overrides or zone (not with achievements or webhooks). */
  rulesVersion: number;
  updatedAt: Date;
}

export interface CourseOverride extends PointTable {
  courseId: string;
  courseName: string | null;
  updatedAt: Date;
}

const pick = <K extends string>(row: Record<K, number>, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, row[k]])) as Record<K, number>;

function toRules(s: OrgSettings): PointRules {
  return { ...pick(s, RULE_FIELDS), timezone: s.timezone, rulesVersion: s.rulesVersion, updatedAt: s.rulesChangedAt };
}

function toOverride(o: CoursePointOverride & { course: { name: string | null } }): CourseOverride {
  return { courseId: o.courseId, courseName: o.course.name, ...pick(o, TIER_FIELDS), updatedAt: o.updatedAt };
}

/** A change to the point rules: the engine reloads them, and admins see the rules' own version move. */
async function bumpRulesVersion(tx: Db): Promise<void> {
  await bumpConfigVersion(tx);
  await tx.$executeRaw`UPDATE org_settings SET rules_version = rules_version + 1, rules_changed_at = now() WHERE id = 1`;
}

/** Points are whole numbers from 0 to MAX_RULE_POINTS; a wrong one is a 400 naming the field. */
function checkValues(values: Partial<Record<RuleField, number>>): void {
  const issues: Issue[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0 || value > MAX_RULE_POINTS) {
      issues.push({ path: [field], message: `must be a whole number from 0 to ${MAX_RULE_POINTS}` });
    }
  }
  if (issues.length > 0) throw new AppError("BAD_REQUEST", `${issues[0]!.path[0]} ${issues[0]!.message}.`, issues);
}

const checkCourseId = (courseId: string) => trimmedWithin(courseId, "courseId", 128, "A course id");

/** The rules in force and every per-course override (by course id). */
export async function getPointRules(db: Db): Promise<{ rules: PointRules; overrides: CourseOverride[] }> {
  const [settings, overrides] = await Promise.all([
    db.orgSettings.findUniqueOrThrow({ where: { id: 1 } }),
    db.coursePointOverride.findMany({ include: { course: { select: { name: true } } }, orderBy: { courseId: "asc" } }),
  ]);
  return { rules: toRules(settings), overrides: overrides.map(toOverride) };
}

/** Changes some of the organisation's point values; the audit row lists each change as from → to. */
export async function updatePointRules(db: PrismaClient, changes: Partial<RuleValues>, audit: AuditActor): Promise<PointRules> {
  const values = Object.fromEntries(
    Object.entries(changes).filter(([k, v]) => (RULE_FIELDS as readonly string[]).includes(k) && v !== undefined),
  ) as Partial<RuleValues>;
  checkValues(values);
  return db.$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { id: 1 } });
    const changed = Object.fromEntries(
      Object.entries(values)
        .filter(([k, v]) => before[k as RuleField] !== v)
        .map(([k, v]) => [k, { from: before[k as RuleField], to: v }]),
    );
    if (Object.keys(changed).length === 0) return toRules(before);
    await tx.orgSettings.update({ where: { id: 1 }, data: values });
    await bumpRulesVersion(tx);
    await writeAudit(tx, audit, { action: "rules.update", target: "rules", details: changed });
    return toRules(await tx.orgSettings.findUniqueOrThrow({ where: { id: 1 } }));
  });
}

/**
 * Adds point values for one course, replacing the organisation's lesson and course values there. The
 * course need not have sent an event yet: it is registered under its LMS id (a CONFLICT if it already has one).
 */
export async function addCourseOverride(db: PrismaClient, courseId: string, table: PointTable, audit: AuditActor): Promise<CourseOverride> {
  const id = checkCourseId(courseId);
  checkValues(pick(table, TIER_FIELDS));
  return db.$transaction(async (tx) => {
    if (await tx.coursePointOverride.findUnique({ where: { courseId: id }, select: { courseId: true } })) {
      throw new AppError("CONFLICT", `Course ${id} already has its own point values: edit them instead.`);
    }
    await tx.course.upsert({ where: { id }, create: { id }, update: {} });
    const row = await tx.coursePointOverride.create({
      data: { courseId: id, ...pick(table, TIER_FIELDS) },
      include: { course: { select: { name: true } } },
    });
    await bumpRulesVersion(tx);
    await writeAudit(tx, audit, { action: "rules.override.create", target: `course:${id}`, details: pick(table, TIER_FIELDS) });
    return toOverride(row);
  });
}

/** Changes a course's own point values. */
export async function updateCourseOverride(
  db: PrismaClient,
  courseId: string,
  table: PointTable,
  audit: AuditActor,
): Promise<CourseOverride> {
  const id = checkCourseId(courseId);
  checkValues(pick(table, TIER_FIELDS));
  return db.$transaction(async (tx) => {
    const before = await tx.coursePointOverride.findUnique({ where: { courseId: id } });
    if (!before) throw new AppError("NOT_FOUND", `Course ${id} has no point values of its own.`);
    const row = await tx.coursePointOverride.update({
      where: { courseId: id },
      data: pick(table, TIER_FIELDS),
      include: { course: { select: { name: true } } },
    });
    const changed = Object.fromEntries(
      TIER_FIELDS.filter((k) => before[k] !== table[k]).map((k) => [k, { from: before[k], to: table[k] }]),
    );
    if (Object.keys(changed).length > 0) {
      await bumpRulesVersion(tx);
      await writeAudit(tx, audit, { action: "rules.override.update", target: `course:${id}`, details: changed });
    }
    return toOverride(row);
  });
}

/** Removes a course's own values: its later events earn the organisation's values again. */
export async function removeCourseOverride(db: PrismaClient, courseId: string, audit: AuditActor): Promise<void> {
  const id = checkCourseId(courseId);
  await db.$transaction(async (tx) => {
    const before = await tx.coursePointOverride.findUnique({ where: { courseId: id } });
    if (!before) throw new AppError("NOT_FOUND", `Course ${id} has no point values of its own.`);
    await tx.coursePointOverride.delete({ where: { courseId: id } });
    await bumpRulesVersion(tx);
    await writeAudit(tx, audit, { action: "rules.override.remove", target: `course:${id}`, details: pick(before, TIER_FIELDS) });
  });
}

/**
 * Changes the organisation's zone (learners without their own zone count their days in it, and weeks
 * and months start in it). Future period boundaries move; closed periods keep theirs; past days stay.
 * `audit` is optional so engine tests and scripts can call it without an actor.
 */
export async function setOrganisationTimezone(db: PrismaClient, timezone: string, audit?: AuditActor): Promise<void> {
  if (!isValidTimeZone(timezone)) {
    throw new AppError("BAD_REQUEST", `${timezone} is not an IANA time zone such as Europe/Paris.`, [
      { path: ["timezone"], message: "must be an IANA time zone such as Europe/Paris" },
    ]);
  }
  await db.$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { timezone: true } });
    if (before.timezone === timezone) return;
    await tx.orgSettings.update({ where: { id: 1 }, data: { timezone } });
    await bumpRulesVersion(tx);
    if (audit) {
      await writeAudit(tx, audit, { action: "rules.timezone", target: "rules", details: { from: before.timezone, to: timezone } });
    }
  });
}
