import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import type { PrismaClient } from "@prisma/client";
import { createDocumentLoader, type DocumentLoader } from "./document-loader";
import { activeKey, signerFor } from "./keys";
import { issuerUrl, keyUrl } from "./urls";

// Data Integrity eddsa-rdfc-2022 rather than VC-JWT: the proof sits inside the JSON the learner keeps (one file
// that is both readable and verifiable), it is what 1EdTech's OB 3.0 conformance suite and most wallets check, and
// Digital Bazaar's maintained libraries do the RDF canonicalisation and the signature; we write neither.

/** Signs `credential` with the issuer's current key. */
export async function signCredential(
  db: PrismaClient,
  credential: object,
  loader: DocumentLoader = createDocumentLoader(async () => null),
) {
  const key = await activeKey(db);
  const signer = await signerFor(key, keyUrl(key.id), issuerUrl());
  const suite = new DataIntegrityProof({ signer, cryptosuite });
  return vc.issue({ credential, suite, documentLoader: loader });
}

/** The suite that checks a proof: the key comes from the document loader (the issuer document), nowhere else. */
export function verifyingSuite() {
  return new DataIntegrityProof({ cryptosuite });
}
