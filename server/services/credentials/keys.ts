import crypto from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db/types";
import { env } from "@/server/env";

// The issuer's Ed25519 keys. A key is made on first use; rotation retires it and makes a new one. Retired keys
// stay published in the issuer profile, so credentials they signed keep verifying. Secret keys are stored only
// encrypted: AES-256-GCM under a key derived (HKDF-SHA256) from CREDENTIAL_SECRET, else NEXTAUTH_SECRET.

function storageKey(): Buffer {
  const secret = env().CREDENTIAL_SECRET ?? env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("CREDENTIAL_SECRET (or NEXTAUTH_SECRET) is not set.");
  return Buffer.from(crypto.hkdfSync("sha256", secret, "gamify", "open-badges-signing-key", 32));
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", storageKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("Unreadable stored signing key.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", storageKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export interface PublishedKey {
  id: number;
  publicKeyMultibase: string;
  createdAt: Date;
  retiredAt: Date | null;
}

/** Every key ever used, oldest first: all are listed as verification methods. */
export async function listKeys(db: Db): Promise<PublishedKey[]> {
  return db.credentialKey.findMany({
    orderBy: { id: "asc" },
    select: { id: true, publicKeyMultibase: true, createdAt: true, retiredAt: true },
  });
}

async function createKey(db: Db) {
  const pair = await Ed25519Multikey.generate();
  if (!pair.secretKeyMultibase) throw new Error("The generated key has no secret half.");
  return db.credentialKey.create({
    data: { publicKeyMultibase: pair.publicKeyMultibase, secretKeyEncrypted: encryptSecret(pair.secretKeyMultibase) },
  });
}

/** The key that signs now, made on first use (under a lock, so two first requests make one key). */
export async function activeKey(db: PrismaClient) {
  const current = await db.credentialKey.findFirst({ where: { retiredAt: null }, orderBy: { id: "desc" } });
  if (current) return current;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('credential_key'))`;
    return (await tx.credentialKey.findFirst({ where: { retiredAt: null }, orderBy: { id: "desc" } })) ?? createKey(tx);
  });
}

/** Retires the signing key and makes a new one; the old one stays published. */
export async function rotateKey(db: PrismaClient, now = new Date()): Promise<PublishedKey> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('credential_key'))`;
    await tx.credentialKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    const key = await createKey(tx);
    return { id: key.id, publicKeyMultibase: key.publicKeyMultibase, createdAt: key.createdAt, retiredAt: null };
  });
}

/** A signer for one stored key, as the Data Integrity suite wants it. */
export async function signerFor(
  key: { publicKeyMultibase: string; secretKeyEncrypted: string },
  verificationMethod: string,
  controller: string,
) {
  const pair = await Ed25519Multikey.from({
    type: "Multikey",
    id: verificationMethod,
    controller,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: decryptSecret(key.secretKeyEncrypted),
  });
  return pair.signer();
}
