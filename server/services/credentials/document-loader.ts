import { contexts as credentialContexts } from "@digitalbazaar/credentials-context";
import { contexts as securityContexts } from "@digitalbazaar/security-context";
import { contexts as statusListContexts } from "@digitalbazaar/vc-bitstring-status-list-context";
import multikeyV1 from "./contexts/multikey-v1.json";
import openBadgesV3 from "./contexts/ob-v3p0-3.0.3.json";

// Every JSON-LD context a credential names, served from files shipped with the app: signing and verifying never
// touch the network (a context URL that moved or went dark would otherwise break every credential at once).
// - VC Data Model 2.0, Bitstring Status List and Security v2 (jsonld-signatures frames controller documents
//   with it): the copies Digital Bazaar publishes in @digitalbazaar/*-context.
// - Open Badges 3.0.3: contexts/ob-v3p0-3.0.3.json, transcribed from 1EdTech's published context
//   (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json, openbadges-specification ob_v3p0/context-3.0.3.json).
// - Multikey v1 (https://w3id.org/security/multikey/v1, W3C Controlled Identifiers / Data Integrity): written
//   from the spec's term definitions; it describes the published keys.
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1";

const staticContexts = new Map<string, object>([
  ...credentialContexts,
  ...securityContexts,
  ...statusListContexts,
  [OB_V3_CONTEXT, openBadgesV3],
  [MULTIKEY_V1_CONTEXT, multikeyV1],
]);

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/** What the loader answers besides the contexts: the issuer's documents, by URL (null: unknown). */
export type DocumentSource = (url: string) => Promise<object | null>;

/** A loader over the shipped contexts and `source`; any other URL is refused, never fetched. */
export function createDocumentLoader(source: DocumentSource): DocumentLoader {
  return async (url) => {
    const document = staticContexts.get(url) ?? (await source(url));
    if (!document) throw new Error(`Document ${url} is not known here (the verifier never fetches from the network).`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
