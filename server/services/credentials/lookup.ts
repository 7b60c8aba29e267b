import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db/types";
import { findLearner } from "@/server/services/learner-profile";
import { verifyCredential, type VerificationResult } from "./verify";

// What the verification page and the admin read about issued credentials.

export interface CredentialReport extends VerificationResult {
  id: string;
  credential: Record<string, unknown> | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** A stored credential, checked as any verifier would check it; null when the id is unknown. */
export async function checkStoredCredential(db: PrismaClient, id: string): Promise<CredentialReport | null> {
  const row = await db.issuedCredential.findUnique({ where: { id } });
  if (!row) return null;
  const revoked = { id, revokedAt: row.revokedAt, revokedReason: row.revokedReason };
  // An erased learner's credential keeps only its revoked status bit.
  if (!row.document) return { ...revoked, credential: null, status: "revoked", problem: "The issuer has revoked this credential." };
  const credential = row.document as Record<string, unknown>;
  return { ...revoked, credential, ...(await verifyCredential(db, credential)) };
}

export interface LearnerCredentialRow {
  id: string;
  achievementKey: string;
  achievementName: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** The credentials issued to one learner (404 for an unknown one), for the admin's learner page. */
export async function listCredentialsOf(db: PrismaClient, userId: string): Promise<LearnerCredentialRow[]> {
  const learnerId = (await findLearner(db, userId)).id;
  const rows = await db.issuedCredential.findMany({ where: { learnerId }, orderBy: { issuedAt: "asc" } });
  const achievements = await db.achievement.findMany({
    where: { id: { in: rows.map((r) => r.achievementId) } },
    select: { id: true, key: true, name: true },
  });
  const byId = new Map(achievements.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    achievementKey: byId.get(r.achievementId)?.key ?? "",
    achievementName: byId.get(r.achievementId)?.name ?? "",
    issuedAt: r.issuedAt,
    revokedAt: r.revokedAt,
    revokedReason: r.revokedReason,
  }));
}

/** What an achievement's badge image shows; null for an unknown key. */
export async function achievementBadgeOf(db: Db, key: string): Promise<{ name: string } | null> {
  return db.achievement.findUnique({ where: { key }, select: { name: true } });
}
