import type { Prisma } from "@prisma/client";
import type { Db } from "@/server/db";

/** Who did something: a signed-in admin, or a named system actor ("cli") with no admin id. */
export interface AuditActor {
  adminId: number | null;
  actor: string;
}

/** The actor of a signed-in dashboard admin. */
export function adminActor(admin: { id: number; email: string }): AuditActor {
  return { adminId: admin.id, actor: admin.email };
}

export interface AuditEntry {
  action: string;
  target?: string | null;
  details?: unknown;
}

/**
 * Appends one audit row. Call it with the transaction that makes the change, so the change and its
 * record commit together or not at all.
 */
export async function writeAudit(db: Db, who: AuditActor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      adminId: who.adminId,
      actor: who.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details === undefined ? undefined : (entry.details as Prisma.InputJsonValue),
    },
  });
}

/** The groups the dashboard filters by: each is a prefix of the actions it holds. */
export const AUDIT_CATEGORIES = {
  rules: ["rules."],
  achievements: ["achievement."],
  adjustments: ["points."],
  "api-keys": ["apikey."],
  levels: ["levels."],
  streaks: ["streak."],
  credentials: ["credential."],
  privacy: ["learner."],
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

export interface AuditRow {
  id: string;
  createdAt: Date;
  adminId: number | null;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

/** Audit rows, newest first, paged by the id of the last row seen (ids grow with time). */
export async function listAudit(
  db: Db,
  options: { limit: number; before?: string; category?: AuditCategory; target?: string },
): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  const where: Prisma.AuditLogWhereInput = {};
  if (options.before) where.id = { lt: BigInt(options.before) };
  if (options.category) where.OR = AUDIT_CATEGORIES[options.category].map((prefix) => ({ action: { startsWith: prefix } }));
  if (options.target) where.target = options.target;
  const found = await db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: options.limit + 1 });
  const rows = found.slice(0, options.limit).map((r) => ({
    id: r.id.toString(),
    createdAt: r.createdAt,
    adminId: r.adminId,
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: r.details ?? null,
  }));
  return { rows, nextBefore: found.length > options.limit ? rows[rows.length - 1]!.id : null };
}
