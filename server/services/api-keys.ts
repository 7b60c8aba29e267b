import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { writeAudit, type AuditActor } from "./audit";

// A key is "gk_" + 32 random bytes (base64url). Only its sha256 is stored, with the first 8 characters
// to recognise it in lists; the plain key is shown once, when it is created.
const KEY_PREFIX = "gk_";
const KEY_LENGTH = KEY_PREFIX.length + 43;
const DISPLAY_PREFIX_LENGTH = 8;
// lastUsedAt is for humans ("used today?"): writing it on every request would cost a write per event.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function hashKey(key: string): Buffer {
  return crypto.createHash("sha256").update(key).digest();
}

function normalizeName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw new AppError("BAD_REQUEST", "An API key name must be 1 to 100 characters long.", [
      { path: ["name"], message: "1 to 100 characters" },
    ]);
  }
  return trimmed;
}

/** Runs `work` in a transaction when given a client, or in the caller's transaction when given one. */
function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return "$transaction" in db ? (db as PrismaClient).$transaction((tx) => work(tx)) : work(db);
}

/**
 * Creates a key and returns it in plain text: the only time it can be read. With `audit`, the creation
 * is recorded in the audit log in the same transaction (never the key itself).
 */
export async function createApiKey(db: Db, name: string, audit?: AuditActor): Promise<ApiKeySummary & { key: string }> {
  const keyName = normalizeName(name);
  if (await db.apiKey.findUnique({ where: { name: keyName }, select: { id: true } })) {
    throw new AppError("CONFLICT", `An API key named "${keyName}" already exists (revoked keys keep their name).`);
  }
  const key = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  const created = await inTransaction(db, async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: keyName, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashKey(key).toString("hex") },
      select: summarySelect,
    });
    if (audit) {
      await writeAudit(tx, audit, { action: "apikey.create", target: `apikey:${row.name}`, details: { prefix: row.prefix } });
    }
    return row;
  });
  return { ...created, key };
}

/**
 * Revokes the key with this name; revoking twice keeps the first revocation time (and audits only the
 * first). With `audit`, the revocation is recorded in the same transaction.
 */
export async function revokeApiKey(db: Db, name: string, audit?: AuditActor): Promise<ApiKeySummary> {
  const keyName = name.trim();
  const existing = await db.apiKey.findUnique({ where: { name: keyName }, select: summarySelect });
  if (!existing) throw new AppError("NOT_FOUND", `No API key is named "${keyName}".`);
  if (existing.revokedAt) return existing;
  return inTransaction(db, async (tx) => {
    const row = await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt: new Date() }, select: summarySelect });
    if (audit) {
      await writeAudit(tx, audit, { action: "apikey.revoke", target: `apikey:${row.name}`, details: { prefix: row.prefix } });
    }
    return row;
  });
}

/** The key's id and name when it is valid and not revoked, else null. */
export async function verifyApiKey(db: Db, key: string): Promise<{ id: number; name: string } | null> {
  if (typeof key !== "string" || key.length !== KEY_LENGTH || !key.startsWith(KEY_PREFIX)) return null;
  const digest = hashKey(key);
  const row = await db.apiKey.findUnique({
    where: { hash: digest.toString("hex") },
    select: { id: true, name: true, hash: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row) return null;
  // The lookup already matched the hash; the constant-time comparison keeps the check itself safe
  // should the lookup ever change (a prefix index, a cache).
  const stored = Buffer.from(row.hash, "hex");
  if (stored.length !== digest.length || !crypto.timingSafeEqual(stored, digest)) return null;
  if (row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write once rather than each.
    await db.apiKey.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return { id: row.id, name: row.name };
}

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({ select: summarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}
