import type { Db } from "@/server/db/types";
import { listKeys } from "./keys";
import { MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from "./document-loader";
import { issuerUrl, keyUrl } from "./urls";

// The two controller terms the issuer document uses that neither VC 2.0 nor Open Badges define at the top level
// (their IRIs are the Security vocabulary's, as in the Controlled Identifiers context).
const CONTROLLER_TERMS = {
  assertionMethod: { "@id": "https://w3id.org/security#assertionMethod", "@type": "@id", "@container": "@set" },
  verificationMethod: { "@id": "https://w3id.org/security#verificationMethod", "@type": "@id", "@container": "@set" },
};

export interface IssuerSettings {
  name: string;
  url: string;
  email: string | null;
  imageUrl: string | null;
  hashRecipient: boolean;
}

/** Until an admin fills in the issuer, credentials name the app itself. */
const DEFAULT_ISSUER = (): IssuerSettings => ({
  name: "Gamify",
  url: issuerUrl().replace(/\/api\/openbadges\/issuer$/, ""),
  email: null,
  imageUrl: null,
  hashRecipient: true,
});

export async function getIssuerSettings(db: Db): Promise<IssuerSettings> {
  const row = await db.credentialIssuer.findUnique({ where: { id: 1 } });
  return row
    ? { name: row.name, url: row.url, email: row.email, imageUrl: row.imageUrl, hashRecipient: row.hashRecipient }
    : DEFAULT_ISSUER();
}

export async function saveIssuerSettings(db: Db, input: IssuerSettings): Promise<IssuerSettings> {
  const row = await db.credentialIssuer.upsert({ where: { id: 1 }, create: { id: 1, ...input }, update: input });
  return { name: row.name, url: row.url, email: row.email, imageUrl: row.imageUrl, hashRecipient: row.hashRecipient };
}

/** The issuer as credentials embed it: an Open Badges Profile. */
export function profileOf(settings: IssuerSettings) {
  return {
    id: issuerUrl(),
    type: ["Profile"],
    name: settings.name,
    url: settings.url,
    ...(settings.email ? { email: settings.email } : {}),
    ...(settings.imageUrl ? { image: { id: settings.imageUrl, type: "Image" } } : {}),
  };
}

/**
 * The public issuer document (GET /openbadges/issuer): the Profile plus every key as a Multikey verification
 * method listed under assertionMethod, so a verifier that dereferences the proof's key finds it authorised here.
 */
export async function issuerDocument(db: Db) {
  const [settings, keys] = await Promise.all([getIssuerSettings(db), listKeys(db)]);
  return {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT, MULTIKEY_V1_CONTEXT, CONTROLLER_TERMS],
    ...profileOf(settings),
    verificationMethod: keys.map((key) => ({
      id: keyUrl(key.id),
      type: "Multikey",
      controller: issuerUrl(),
      publicKeyMultibase: key.publicKeyMultibase,
    })),
    assertionMethod: keys.map((key) => keyUrl(key.id)),
  };
}
