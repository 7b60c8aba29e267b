import { z } from "zod";
import type { PrismaClient, XapiMapping } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import {
  describeRule,
  mappingRuleSchema,
  ruleKey,
  type MappingPresetKey,
  type MappingRule,
  type MappingVersion,
} from "@/server/schemas/xapi-mapping";
import { writeAudit, type AuditActor } from "../audit";
import { MAPPING_PRESETS } from "./presets";

// The versions of the xAPI mapping (API.md Revision 2): the one in force decides each statement received, and
// an admin's change is a new version (audited), so a statement is always decided by the rules of its moment.

const storedRules = z.array(mappingRuleSchema);
const HISTORY = 20;

function toVersion(row: XapiMapping): MappingVersion {
  return {
    version: row.version,
    rules: storedRules.parse(row.rules),
    preset: (row.preset as MappingPresetKey | null) ?? null,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/** The latest versions, newest first: the first is the mapping in force. */
async function latestVersions(db: Db, take: number): Promise<[MappingVersion, ...MappingVersion[]]> {
  const [first, ...rest] = (await db.xapiMapping.findMany({ orderBy: { version: "desc" }, take })).map(toVersion);
  if (!first) throw new Error("The xAPI mapping has no version: apply the migrations (npm run gamify -- db:migrate).");
  return [first, ...rest];
}

/** The mapping in force: its latest version. */
export async function getMappingInForce(db: Db): Promise<MappingVersion> {
  return (await latestVersions(db, 1))[0];
}

/** The dashboard's mapping page: the version in force, the presets to start from, and the latest versions. */
export async function getMappingPage(db: Db) {
  const versions = await latestVersions(db, HISTORY);
  return { current: versions[0], presets: MAPPING_PRESETS, history: versions.map((v) => ({ ...v, rules: v.rules.length })) };
}

const byKey = (rules: MappingRule[]) => new Map(rules.map((r) => [ruleKey(r), JSON.stringify(mappingRuleSchema.parse(r))]));

/** What changed, rule by rule ("<verb> [on <type>]": from → to, in words); order alone changes nothing. */
function ruleChanges(before: MappingRule[], after: MappingRule[]): Record<string, { from: string | null; to: string | null }> {
  const [was, now] = [byKey(before), byKey(after)];
  const words = (rules: MappingRule[], key: string) => {
    const rule = rules.find((r) => ruleKey(r) === key);
    return rule ? describeRule(rule) : null;
  };
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    if (was.get(key) !== now.get(key)) changes[key] = { from: words(before, key), to: words(after, key) };
  }
  return changes;
}

/** The preset these rules are, if they are one unchanged (order aside). */
function presetOf(rules: MappingRule[]): MappingPresetKey | null {
  return MAPPING_PRESETS.find((p) => Object.keys(ruleChanges(p.rules, rules)).length === 0)?.key ?? null;
}

/**
 * Saves rules as the next version, for statements received from now on, with one audit row listing each rule
 * changed. `basedOn` is the version the admin edited: if another change landed since, this is a CONFLICT and
 * nothing is saved, so no edit is lost. Rules equal to those in force save nothing.
 */
export async function saveMapping(
  db: PrismaClient,
  input: { basedOn: number; rules: MappingRule[] },
  audit: AuditActor,
): Promise<MappingVersion> {
  return db.$transaction(async (tx) => {
    const current = await getMappingInForce(tx);
    if (current.version !== input.basedOn) {
      throw new AppError(
        "CONFLICT",
        `The mapping was changed since you opened it (it is now version ${current.version}): reload it, then make your change again.`,
      );
    }
    const changes = ruleChanges(current.rules, input.rules);
    if (Object.keys(changes).length === 0) return current;
    const preset = presetOf(input.rules);
    const row = await tx.xapiMapping.create({ data: { version: current.version + 1, rules: input.rules, preset, createdBy: audit.actor } });
    await writeAudit(tx, audit, {
      action: "xapi.mapping.update",
      target: "xapi-mapping",
      details: {
        version: { from: current.version, to: row.version },
        ...(preset !== current.preset ? { preset: { from: current.preset, to: preset } } : {}),
        ...changes,
      },
    });
    return toVersion(row);
  });
}
