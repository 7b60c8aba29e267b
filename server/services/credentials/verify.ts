import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import * as vc from "@digitalbazaar/vc";
import type { PrismaClient } from "@prisma/client";
import { createDocumentLoader, MULTIKEY_V1_CONTEXT, type DocumentLoader } from "./document-loader";
import { issuerDocument } from "./issuer";
import { statusListCredential } from "./status-list";
import { verifyingSuite } from "./suite";
import { statusListUrl } from "./urls";

// Checking a credential: the proof (against the key the issuer document publishes), then its revocation bit.
// The same path checks our own stored copy and any JSON a visitor pastes in.

type IssuerDocument = Awaited<ReturnType<typeof issuerDocument>>;

/** A loader that knows the issuer only through its public document: as any outside verifier would. */
export function issuerLoader(issuer: IssuerDocument, statusList: () => Promise<object>): DocumentLoader {
  return createDocumentLoader(async (url) => {
    if (url === issuer.id) return issuer;
    const key = issuer.verificationMethod.find((method) => method.id === url);
    if (key) return { "@context": MULTIKEY_V1_CONTEXT, ...key };
    if (url === statusListUrl()) return statusList();
    return null;
  });
}

export type VerificationStatus = "valid" | "revoked" | "invalid";

export interface VerificationResult {
  status: VerificationStatus;
  /** Why it is not valid, in a sentence a visitor reads. */
  problem: string | null;
}

/** Verifies a credential's proof and status with `loader`; never throws. */
export async function verifyWithLoader(credential: unknown, loader: DocumentLoader): Promise<VerificationResult> {
  if (!credential || typeof credential !== "object" || Array.isArray(credential))
    return { status: "invalid", problem: "This is not a credential (a JSON object)." };
  let revoked = false;
  const result = await vc.verifyCredential({
    credential,
    suite: verifyingSuite(),
    documentLoader: loader,
    checkStatus: async (options: Record<string, unknown>) => {
      const status = (await checkStatus(options)) as { verified: boolean; results?: { status?: boolean }[] };
      revoked = status.verified && (status.results ?? []).some((entry) => entry.status === true);
      return status;
    },
  });
  if (!result.verified)
    return {
      status: "invalid",
      problem: "The signature does not match its contents: it was changed after it was issued, or not issued by us.",
    };
  return revoked ? { status: "revoked", problem: "The issuer has revoked this credential." } : { status: "valid", problem: null };
}

/** Verifies `credential` against this app's issuer document and status list. */
export async function verifyCredential(db: PrismaClient, credential: unknown): Promise<VerificationResult> {
  const issuer = await issuerDocument(db);
  let list: Promise<object> | undefined;
  return verifyWithLoader(
    credential,
    issuerLoader(issuer, () => (list ??= statusListCredential(db))),
  );
}
