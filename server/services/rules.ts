import type { Achievement, CoursePointOverride, OrgSettings } from "@prisma/client";
import type { Db } from "@/server/db";
import type { LevelBandInput } from "@/server/lib/level-curve";
import type { Difficulty, EventType } from "@/server/schemas/events";
import type { StreakPause } from "@/server/services/streak-timeline";

/**
 * The rules ingestion applies: point values, per-course overrides, the organisation's zone and the active
 * achievements. Read once and cached until `configVersion` changes (every rule or achievement change bumps
 * it), so an event costs one tiny query for its rules, not one per rule.
 */
export interface EngineConfig {
  version: number;
  settings: OrgSettings;
  overrides: Map<string, CoursePointOverride>;
  activeAchievements: Achievement[];
  /** Enabled webhook endpoints and the event types each receives: empty means webhooks cost nothing. */
  webhookSubscriptions: WebhookSubscription[];
  /** The level bands in order of their start (services/levels.ts reads a level from them). */
  levels: LevelBandInput[];
  /** Streak pauses (organisation-wide and per course), in order of their start. */
  pauses: StreakPause[];
}

export interface WebhookSubscription {
  endpointId: number;
  eventTypes: string[];
}

const cache = new WeakMap<object, EngineConfig>();

export async function loadConfig(db: Db, knownVersion?: number): Promise<EngineConfig> {
  const version =
    knownVersion ??
    (await db.$queryRaw<[{ config_version: number }]>`SELECT config_version FROM org_settings WHERE id = 1`)[0].config_version;
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached;
  const [settings, overrides, activeAchievements, endpoints, levels, pauses] = await Promise.all([
    db.orgSettings.findUniqueOrThrow({ where: { id: 1 } }),
    db.coursePointOverride.findMany(),
    db.achievement.findMany({ where: { active: true }, orderBy: { id: "asc" } }),
    db.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, eventTypes: true }, orderBy: { id: "asc" } }),
    db.levelBand.findMany({ orderBy: { startPoints: "asc" }, select: { number: true, name: true, startPoints: true } }),
    db.streakPause.findMany({ orderBy: [{ startsOn: "asc" }, { id: "asc" }] }),
  ]);
  const config: EngineConfig = {
    version: settings.configVersion,
    settings,
    overrides: new Map(overrides.map((o) => [o.courseId, o])),
    activeAchievements,
    webhookSubscriptions: endpoints.map((e) => ({ endpointId: e.id, eventTypes: e.eventTypes })),
    levels,
    pauses: pauses.map((p) => ({
      id: p.id,
      courseId: p.courseId,
      startsOn: p.startsOn.toISOString().slice(0, 10),
      endsOn: p.endsOn.toISOString().slice(0, 10),
    })),
  };
  cache.set(db, config);
  return config;
}

/**
 * The rules as last loaded, without asking for their version: for reads that check the version in their
 * own statement and call loadConfig(db, seenVersion) when it moved (one round trip instead of two).
 */
export async function cachedConfig(db: Db): Promise<EngineConfig> {
  return cache.get(db) ?? loadConfig(db);
}

/** Call after any change to settings, overrides, achievements or webhook endpoints, in the same transaction. */
export async function bumpConfigVersion(db: Db): Promise<void> {
  await db.$executeRaw`UPDATE org_settings SET config_version = config_version + 1, updated_at = now() WHERE id = 1`;
}

type PointTable = Pick<OrgSettings, "lessonEasy" | "lessonMedium" | "lessonHard" | "courseEasy" | "courseMedium" | "courseHard">;

/** Points an activity earns (before the once-per-lesson and once-per-course rules). */
export function activityPoints(
  config: EngineConfig,
  type: EventType,
  courseId: string | undefined,
  difficulty: Difficulty | undefined,
): number {
  if (type === "user.login") return config.settings.loginPoints;
  if (type === "course.started") return 0;
  const table: PointTable = (courseId && config.overrides.get(courseId)) || config.settings;
  const tier = difficulty ?? "easy";
  if (type === "lesson.completed") {
    return tier === "hard" ? table.lessonHard : tier === "medium" ? table.lessonMedium : table.lessonEasy;
  }
  return tier === "hard" ? table.courseHard : tier === "medium" ? table.courseMedium : table.courseEasy;
}
