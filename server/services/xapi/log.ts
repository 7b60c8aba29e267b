import type { Prisma } from "@prisma/client";
import type { Db } from "@/server/db";
import type { XapiStatementRow } from "@/server/schemas/xapi";
import { mappingRuleSchema } from "@/server/schemas/xapi-mapping";

// The dashboard's log of received statements: what each became (and which mapping version and rule decided it),
// newest first, and how many were applied.

/** Received statements, newest first, filtered, paged by the log position of the last one seen. */
export async function listStatements(
  db: Db,
  options: { limit: number; before?: string; status?: string; reason?: string; verb?: string; userId?: string },
): Promise<{ rows: XapiStatementRow[]; nextBefore: string | null }> {
  const where: Prisma.XapiStatementWhereInput = {};
  if (options.before) where.seq = { lt: BigInt(options.before) };
  if (options.status) where.status = options.status;
  if (options.reason) where.reason = options.reason;
  if (options.verb) where.verb = options.verb;
  if (options.userId) where.userId = options.userId;
  const found = await db.xapiStatement.findMany({ where, orderBy: { seq: "desc" }, take: options.limit + 1 });
  const rows = found.slice(0, options.limit).map((r) => ({
    id: r.id,
    seq: r.seq.toString(),
    userId: r.userId,
    verb: r.verb,
    objectId: r.objectId,
    occurredAt: r.occurredAt,
    receivedAt: r.receivedAt,
    status: r.status,
    reason: r.reason,
    detail: r.detail,
    eventId: r.eventId,
    mappingVersion: r.mappingVersion,
    mappingRule: r.mappingRule === null ? null : mappingRuleSchema.parse(r.mappingRule),
    courseTitle: r.courseTitle,
    lessonTitle: r.lessonTitle,
    raw: r.raw,
  }));
  return { rows, nextBefore: found.length > options.limit ? rows[rows.length - 1]!.seq : null };
}

export async function countStatements(db: Db, options: { userId?: string } = {}): Promise<{ applied: number; ignored: number }> {
  const groups = await db.xapiStatement.groupBy({
    by: ["status"],
    where: options.userId ? { userId: options.userId } : {},
    _count: { _all: true },
  });
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { applied: count("applied"), ignored: count("ignored") };
}
