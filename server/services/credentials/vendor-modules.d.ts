// The Digital Bazaar packages ship no TypeScript types: these are the few entry points we call.
declare module "@digitalbazaar/vc" {
  export function issue(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function verifyCredential(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}
declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): unknown;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: { id?: string; controller?: string }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
}
declare module "@digitalbazaar/vc-bitstring-status-list" {
  export function createList(options: {
    length: number;
  }): Promise<{ setStatus(index: number, status: boolean): void; encode(): Promise<string> }>;
  export function createCredential(options: { id: string; list: unknown; statusPurpose: string }): Promise<Record<string, unknown>>;
  export function checkStatus(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown }>;
}
declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalbazaar/vc-bitstring-status-list-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalbazaar/security-context" {
  export const contexts: Map<string, object>;
}
