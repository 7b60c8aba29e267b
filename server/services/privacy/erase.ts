import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { driverOf } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import type { AuditActor } from "@/server/services/audit";
import { revokeErasedLearnerCredentials } from "@/server/services/credentials/revoke";
import { loadConfig } from "@/server/services/rules";
import { enqueueWebhooks } from "@/server/services/webhooks/outbox";
import { anonymiseAudit, deleteLearnerRows, deleteWebhookMentions, deleteXapiStatements, releaseSharedCounts } from "./erase-sql";

// The right to erasure (API.md Revision 2 "Learner privacy", docs/privacy.md): the learner and every trace of
// them go, in one transaction under their row lock, and every board, histogram and count is left as if they
// had never had points. The audit keeps who erased, when, and a salted hash of the user id, nothing personal.

/** The user id as the audit keeps it: an HMAC keyed by the server's secret, so it can be matched, not read. */
export function erasedUserHash(userId: string): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set.");
  return crypto.createHmac("sha256", secret).update(`learner:${userId}`).digest("hex");
}

export interface ErasureResult {
  userId: string;
  erased: true;
}

export async function eraseLearner(db: PrismaClient, userId: string, actor: AuditActor, now = new Date()): Promise<ErasureResult> {
  const { webhookSubscriptions } = await loadConfig(db);
  const hash = erasedUserHash(userId);
  await driverOf(db).transaction(async (sql) => {
    const [learner] = await sql.query<{ id: number }>(`SELECT id FROM learner WHERE user_id = $1 FOR UPDATE`, [userId]);
    if (!learner) throw new AppError("NOT_FOUND", `No learner with userId ${userId}.`);
    await releaseSharedCounts(sql, learner.id);
    await deleteXapiStatements(sql, learner.id, userId);
    await deleteWebhookMentions(sql, userId);
    // Their Open Badges credentials are revoked (the status bit stays), and lose the document that names them.
    await revokeErasedLearnerCredentials(sql, learner.id, now);
    await deleteLearnerRows(sql, learner.id);
    await anonymiseAudit(sql, userId, `learner-erased:${hash}`);
    await sql.query(`INSERT INTO audit_log (admin_id, actor, action, target, details) VALUES ($1, $2, 'learner.erase', $3, $4::jsonb)`, [
      actor.adminId,
      actor.actor,
      `learner-erased:${hash}`,
      JSON.stringify({ userIdHash: hash }),
    ]);
    // The LMS's own id: what its other systems need to erase the learner too (docs/privacy.md).
    await enqueueWebhooks(sql, webhookSubscriptions, [{ type: "learner.erased", data: { userId, erasedAt: now.toISOString() } }], now);
  });
  return { userId, erased: true };
}
