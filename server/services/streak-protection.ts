import type { PrismaClient } from "@prisma/client";
import { sqlOf, type Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { dayInZone } from "@/server/lib/calendar";
import type { AddPauseInput, ProtectionSettingsInput } from "@/server/schemas/streak-protection";
import { writeAudit, type AuditActor } from "./audit";
import { findLearner } from "./learner-profile";
import { bumpConfigVersion, loadConfig, type EngineConfig } from "./rules";
import type { StreakProtection } from "./streaks";
import type { StreakPause } from "./streak-timeline";

// The admin's side of streak protection (DOMAIN.md Revision 2): pauses, the freeze rules and the at-risk hour,
// and freezes granted by hand. Every change is audited and bumps the rules' version, so ingestion sees it.

export interface ProtectionOverview {
  settings: ProtectionSettingsInput;
  pauses: (StreakPause & { note: string | null })[];
}

export async function getProtection(db: Db): Promise<ProtectionOverview> {
  const [settings, pauses] = await Promise.all([
    db.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { freezeEvery: true, freezeMax: true, atRiskHour: true } }),
    db.streakPause.findMany({ orderBy: [{ startsOn: "desc" }, { id: "desc" }] }),
  ]);
  return {
    settings,
    pauses: pauses.map((p) => ({ id: p.id, courseId: p.courseId, startsOn: asDay(p.startsOn), endsOn: asDay(p.endsOn), note: p.note })),
  };
}

const asDay = (d: Date) => d.toISOString().slice(0, 10);

export async function addPause(client: PrismaClient, input: AddPauseInput, actor: AuditActor): Promise<{ id: number }> {
  return client.$transaction(async (tx) => {
    const pause = await tx.streakPause.create({
      data: {
        courseId: input.courseId ?? null,
        startsOn: new Date(`${input.startsOn}T00:00:00Z`),
        endsOn: new Date(`${input.endsOn}T00:00:00Z`),
        note: input.note || null,
      },
    });
    await writeAudit(tx, actor, {
      action: "streak.pause.add",
      target: input.courseId ?? "organisation",
      details: { ...input, id: pause.id },
    });
    await bumpConfigVersion(tx);
    return { id: pause.id };
  });
}

export async function removePause(client: PrismaClient, id: number, actor: AuditActor): Promise<{ removed: true }> {
  return client.$transaction(async (tx) => {
    const pause = await tx.streakPause.findUnique({ where: { id } });
    if (!pause) throw new AppError("NOT_FOUND", `No pause with id ${id}.`);
    await tx.streakPause.delete({ where: { id } });
    await writeAudit(tx, actor, {
      action: "streak.pause.remove",
      target: pause.courseId ?? "organisation",
      details: { id, startsOn: asDay(pause.startsOn), endsOn: asDay(pause.endsOn) },
    });
    await bumpConfigVersion(tx);
    return { removed: true };
  });
}

export async function updateProtectionSettings(
  client: PrismaClient,
  input: ProtectionSettingsInput,
  actor: AuditActor,
): Promise<ProtectionSettingsInput> {
  return client.$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({
      where: { id: 1 },
      select: { freezeEvery: true, freezeMax: true, atRiskHour: true },
    });
    await tx.orgSettings.update({ where: { id: 1 }, data: input });
    await writeAudit(tx, actor, { action: "streak.settings", details: { before, after: input } });
    await bumpConfigVersion(tx);
    return input;
  });
}

/**
 * An admin's freeze for one learner: held from the end of the learner's today (or of their last active day, if
 * that is later), beyond the maximum. Written under the learner's lock, so an event being applied cannot lose it.
 */
export async function grantFreeze(client: PrismaClient, userId: string, actor: AuditActor, now = new Date()): Promise<{ day: string }> {
  const config = await loadConfig(client);
  return client.$transaction(async (tx) => {
    const learner = await findLearner(tx, userId);
    const [locked] = await tx.$queryRaw<{ last: string | null; timezone: string | null }[]>`
      SELECT last_active_date::text AS last, timezone FROM learner WHERE id = ${learner.id} FOR UPDATE`;
    const today = dayInZone(now, locked!.timezone ?? config.settings.timezone);
    const last = locked!.last;
    const day = last !== null && last > today ? last : today;
    // On the last active day the walk's stored result already ends there: the freeze is held from now on.
    await tx.$executeRaw`UPDATE learner SET freeze_grants = freeze_grants || to_jsonb(${day}::text),
      freezes_held = freezes_held + CASE WHEN ${day}::date = last_active_date THEN 1 ELSE 0 END WHERE id = ${learner.id}`;
    await writeAudit(tx, actor, { action: "streak.freeze.grant", target: userId, details: { day } });
    return { day };
  });
}

export function protectionRules(config: EngineConfig) {
  return { freezeEvery: config.settings.freezeEvery, freezeMax: config.settings.freezeMax, pauses: config.pauses };
}

/** For each learner, the courses with a pause in which they have activity (a course pause protects them). */
export async function pausedCoursesOf(db: Db, learnerIds: number[], config: EngineConfig): Promise<Map<number, Set<string>>> {
  const byLearner = new Map(learnerIds.map((id) => [id, new Set<string>()]));
  const courses = [...new Set(config.pauses.flatMap((p) => (p.courseId === null ? [] : [p.courseId])))];
  if (courses.length === 0 || learnerIds.length === 0) return byLearner;
  const rows = await sqlOf(db).query<{ learner_id: number; course_id: string }>(
    `SELECT learner_id, course_id FROM learner_course WHERE learner_id = ANY($1::int[]) AND course_id = ANY($2::text[])`,
    [learnerIds, courses],
  );
  for (const r of rows) byLearner.get(r.learner_id)!.add(r.course_id);
  return byLearner;
}

/** What readStreak needs to read one learner's protected streak. */
export async function protectionFor(db: Db, learnerId: number, config: EngineConfig): Promise<StreakProtection> {
  const memberOf = (await pausedCoursesOf(db, [learnerId], config)).get(learnerId)!;
  return { rules: protectionRules(config), memberOf };
}
