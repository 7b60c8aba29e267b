import type { PrismaClient } from "@prisma/client";
import { writeAudit, type AuditActor } from "@/server/services/audit";
import { getIssuerSettings, saveIssuerSettings, type IssuerSettings } from "./issuer";
import { listKeys, rotateKey, type PublishedKey } from "./keys";
import { issuerUrl } from "./urls";

// The dashboard's side of the issuer: its profile and keys, every change audited.

export async function getIssuerOverview(db: PrismaClient) {
  const [settings, keys] = await Promise.all([getIssuerSettings(db), listKeys(db)]);
  return { settings, keys, issuerUrl: issuerUrl() };
}

export async function saveIssuer(db: PrismaClient, input: IssuerSettings, actor: AuditActor): Promise<IssuerSettings> {
  return db.$transaction(async (tx) => {
    const saved = await saveIssuerSettings(tx, input);
    await writeAudit(tx, actor, { action: "credential.issuer", target: "issuer", details: saved });
    return saved;
  });
}

export async function rotateIssuerKey(db: PrismaClient, actor: AuditActor, now = new Date()): Promise<PublishedKey> {
  const key = await rotateKey(db, now);
  await writeAudit(db, actor, {
    action: "credential.key.rotate",
    target: `key-${key.id}`,
    details: { publicKeyMultibase: key.publicKeyMultibase },
  });
  return key;
}
