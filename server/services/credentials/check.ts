import type { PrismaClient } from "@prisma/client";
import { checkStoredCredential } from "./lookup";
import { summariseCredential, type CredentialSummary } from "./summary";
import { verifyCredential, type VerificationStatus } from "./verify";

// What the public verification page shows: the verdict, the reason when it is not valid, and the credential in
// plain words.

export interface CredentialCheck {
  status: VerificationStatus;
  problem: string | null;
  summary: CredentialSummary | null;
  revokedReason: string | null;
  /** The stored credential's JSON (to download), null for a pasted one or an erased learner's. */
  json: string | null;
}

/** A credential issued here, by its id; null when unknown. */
export async function checkIssuedCredential(db: PrismaClient, id: string): Promise<CredentialCheck | null> {
  const report = await checkStoredCredential(db, id);
  if (!report) return null;
  return {
    status: report.status,
    problem: report.problem,
    summary: report.credential ? summariseCredential(report.credential) : null,
    revokedReason: report.revokedReason,
    json: report.credential ? JSON.stringify(report.credential, null, 2) : null,
  };
}

/** A credential a visitor pasted or uploaded: JSON text, checked against this issuer. */
export async function checkPastedCredential(db: PrismaClient, json: string): Promise<CredentialCheck> {
  let credential: unknown;
  try {
    credential = JSON.parse(json);
  } catch {
    return {
      status: "invalid",
      problem: "This is not JSON: paste the whole credential file.",
      summary: null,
      revokedReason: null,
      json: null,
    };
  }
  const result = await verifyCredential(db, credential);
  return { ...result, summary: summariseCredential(credential), revokedReason: null, json: null };
}
