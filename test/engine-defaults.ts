import fs from "node:fs";
import path from "node:path";
import type { Achievement, OrgSettings } from "@prisma/client";
import type { LearnerState } from "@/server/services/events/apply-event";
import type { EngineConfig } from "@/server/services/rules";

// The rules a fresh database starts with, and a learner as their first event finds them, for unit tests
// that run the engine without a database. The rules are read from where they are defined (the column
// defaults of prisma/schema.prisma, the shipped achievements of the defaults migration) rather than
// copied, so a changed default is tested as shipped.

const root = path.resolve(import.meta.dirname, "..");

/** The organisation settings a fresh database holds: OrgSettings' column defaults. */
function defaultSettings(): OrgSettings {
  const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const model = /model OrgSettings \{([^}]*)\}/.exec(schema)?.[1];
  if (!model) throw new Error("prisma/schema.prisma has no OrgSettings model");
  const settings: Record<string, unknown> = { updatedAt: new Date(0) };
  for (const [, field, type, value] of model.matchAll(/^\s*(\w+)\s+(Int|String)\b.*?@default\(([^)]*)\)/gm)) {
    settings[field!] = type === "Int" ? Number(value) : JSON.parse(value!);
  }
  return settings as unknown as OrgSettings;
}

const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The achievements the defaults migration ships, with the ids a fresh database gives them. */
function shippedAchievements(): Achievement[] {
  const sql = fs.readFileSync(path.join(root, "prisma/migrations/20261126000100_defaults/migration.sql"), "utf8");
  const insert = /INSERT INTO "achievement" \(([^)]*)\) VALUES([\s\S]*?)ON CONFLICT/.exec(sql);
  if (!insert) throw new Error("the defaults migration inserts no achievements");
  const columns = insert[1]!.split(",").map((c) => camel(c.trim().replace(/"/g, "")));
  return [...insert[2]!.matchAll(/^\s*\((.*)\),?\s*$/gm)].map(([, tuple], i) => {
    const values = [...tuple!.matchAll(/'((?:[^']|'')*)'|NULL|-?\d+/g)].map(([token, text]) =>
      text !== undefined ? text.replace(/''/g, "'") : token === "NULL" ? null : Number(token),
    );
    const row = Object.fromEntries(columns.map((c, j) => [c, values[j]]));
    return { id: i + 1, active: true, period: null, createdAt: new Date(0), updatedAt: new Date(0), ...row } as Achievement;
  });
}

/** The ten levels the levels migration ships. */
export function shippedLevels(): EngineConfig["levels"] {
  const sql = fs.readFileSync(path.join(root, "prisma/migrations/20261203020000_levels/migration.sql"), "utf8");
  return [...sql.matchAll(/^\s*\((\d+), '([^']*)', (\d+)\)/gm)].map(([, number, name, start]) => ({
    number: Number(number),
    name: name!,
    startPoints: Number(start),
  }));
}

/** The engine's rules on a fresh database; `settings` changes some of the organisation's values. */
export function defaultEngineConfig(settings: Partial<OrgSettings> = {}): EngineConfig {
  const base = defaultSettings();
  return {
    version: base.configVersion,
    settings: { ...base, ...settings },
    overrides: new Map(),
    activeAchievements: shippedAchievements(),
    webhookSubscriptions: [],
    levels: shippedLevels(),
    pauses: [],
  };
}

/** One shipped achievement, by key. */
export function shippedAchievement(key: string): Achievement {
  const a = shippedAchievements().find((x) => x.key === key);
  if (!a) throw new Error(`no shipped achievement ${key}`);
  return a;
}

/** A learner as their first event finds them: no points, no days, nothing earned. */
export function newLearner(userId = "u-1", id = 1): LearnerState {
  return {
    id,
    userId,
    displayName: null,
    timezone: null,
    points: 0,
    achievementPoints: 0,
    lessonsCompleted: 0,
    coursesCompleted: 0,
    perfectCourses: 0,
    longestStreak: 0,
    lastActiveDate: null,
    runStartDate: null,
    runLength: 0,
    freezesHeld: 0,
    frozenDays: [],
    freezeGrants: [],
    paidStreakDays: new Set(),
    pausedCoursesJoined: new Set(),
    earned: new Set(),
    days: new Map(),
    changedDays: new Set(),
    courses: new Map(),
    lessonsDone: new Set(),
  };
}
