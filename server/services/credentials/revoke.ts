import type { PrismaClient } from "@prisma/client";
import type { Sql } from "@/server/db/types";
import { AppError } from "@/server/errors";
import { writeAudit, type AuditActor } from "@/server/services/audit";

// Revocation sets the credential's bit in the status list; the credential itself is never re-signed, so copies
// already handed out are shown as revoked by any verifier that checks the list.

export async function revokeCredential(db: PrismaClient, id: string, reason: string, actor: AuditActor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const row = await tx.issuedCredential.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", `No credential ${id}.`);
    if (row.revokedAt) return { id, revokedAt: row.revokedAt, reason: row.revokedReason };
    const updated = await tx.issuedCredential.update({ where: { id }, data: { revokedAt: now, revokedReason: reason } });
    await writeAudit(tx, actor, {
      action: "credential.revoke",
      target: `credential:${id}`,
      details: { reason, statusIndex: row.statusIndex },
    });
    return { id, revokedAt: updated.revokedAt, reason };
  });
}

/**
 * Erasure (privacy/erase.ts, inside its transaction): every credential of the learner is revoked and loses its
 * link to them and its document (which names them); the row stays so the status bit stays set.
 */
export async function revokeErasedLearnerCredentials(sql: Sql, learnerId: number, now: Date): Promise<void> {
  await sql.query(
    `UPDATE issued_credential SET learner_id = NULL, document = NULL, revoked_at = COALESCE(revoked_at, $2),
       revoked_reason = COALESCE(revoked_reason, 'The learner was erased.') WHERE learner_id = $1`,
    [learnerId, now],
  );
}
