import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import type { PrismaClient } from "@prisma/client";
import { signCredential } from "./suite";
import { issuerUrl, statusListUrl } from "./urls";

// One revocation list for every credential (W3C Bitstring Status List): bit i set = the credential with status
// index i is revoked. 131,072 bits is the spec's minimum size (16 KB), so a list does not reveal how many
// credentials exist; it compresses to a few hundred bytes.
export const STATUS_LIST_LENGTH = 131_072;

/** The status entry a credential carries. */
export function statusEntryOf(index: number) {
  return {
    id: `${statusListUrl()}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: statusListUrl(),
  };
}

/** The signed BitstringStatusListCredential as it stands now (served at /openbadges/status/revocation). */
export async function statusListCredential(db: PrismaClient, now = new Date()) {
  const revoked = await db.issuedCredential.findMany({ where: { revokedAt: { not: null } }, select: { statusIndex: true } });
  const list = await createList({ length: STATUS_LIST_LENGTH });
  for (const { statusIndex } of revoked) list.setStatus(statusIndex, true);
  const unsigned = await createCredential({ id: statusListUrl(), list, statusPurpose: "revocation" });
  return signCredential(db, { ...unsigned, issuer: issuerUrl(), validFrom: now.toISOString() });
}
