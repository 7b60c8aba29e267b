import crypto from "node:crypto";
import { inTransaction, sqlOf, type Db } from "@/server/db";
import { trimmedWithin } from "./admin-input";
import { announceInvalidation, onInvalidation } from "@/server/db/invalidations";
import { AppError } from "@/server/errors";
import { writeAudit, type AuditActor } from "./audit";

// A key is "gk_" + 32 random bytes (base64url). Only its sha256 is stored, with the first 8 characters
// to recognise it in lists; the plain key is shown once, when it is created.
const KEY_PREFIX = "gk_";
const KEY_LENGTH = KEY_PREFIX.length + 43;
const DISPLAY_PREFIX_LENGTH = 8;
// lastUsedAt is for humans ("used today?"): writing it on every request would cost a write per event.
const LAST_USED_RESOLUTION_MS = 60_000;

// Every API request checks its key, so a valid key is remembered for a few seconds instead of read each
// time (a read costs more than the leaderboard page it guards). Revoking a key forgets every remembered
// key at once in this process, and in every other instance on the same PostgreSQL database as soon as the
// revocation commits (server/db/invalidations.ts); a process that is not listening (lost its connection)
// sees it within VERIFIED_KEY_TTL_MS at worst. The cache is global: the production server holds two copies of
// this module (server/production-server.ts), and a revocation in one must reach the other.
const VERIFIED_KEY_TTL_MS = 5_000;
const VERIFIED_KEYS_MAX = 1_000;
interface VerifiedKey {
  id: number;
  name: string;
  until: number;
  generation: number;
}
const verifiedKeys = ((globalThis as unknown as Record<symbol, unknown>)[Symbol.for("gamify.verifiedApiKeys")] ??= {
  generation: 0,
  byDatabase: new WeakMap<object, Map<string, VerifiedKey>>(),
}) as { generation: number; byDatabase: WeakMap<object, Map<string, VerifiedKey>> };

function forgetVerifiedKeys() {
  verifiedKeys.generation += 1;
}
onInvalidation("api_keys", forgetVerifiedKeys);

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

const normalizeName = (name: string) => trimmedWithin(name, "name", 100, "An API key name");

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
  const revoked = await inTransaction(db, async (tx) => {
    const row = await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt: new Date() }, select: summarySelect });
    if (audit) {
      await writeAudit(tx, audit, { action: "apikey.revoke", target: `apikey:${row.name}`, details: { prefix: row.prefix } });
    }
    await announceInvalidation(tx, "api_keys");
    return row;
  });
  // Again after the commit: a request in between may have remembered the key from the old row.
  forgetVerifiedKeys();
  return revoked;
}

/** The key's id and name when it is valid and not revoked, else null. */
export async function verifyApiKey(db: Db, key: string, now = new Date()): Promise<{ id: number; name: string } | null> {
  if (typeof key !== "string" || key.length !== KEY_LENGTH || !key.startsWith(KEY_PREFIX)) return null;
  const digest = hashKey(key);
  const hex = digest.toString("hex");
  let remembered = verifiedKeys.byDatabase.get(db);
  const known = remembered?.get(hex);
  if (known && known.until > now.getTime() && known.generation === verifiedKeys.generation) return { id: known.id, name: known.name };

  const generation = verifiedKeys.generation;
  const [row] = await sqlOf(db).query<{ id: number; name: string; hash: string; revoked_at: Date | null; last_used_at: Date | null }>(
    `SELECT id, name, hash, revoked_at, last_used_at FROM api_key WHERE hash = $1`,
    [hex],
  );
  if (!row) return null;
  // The lookup already matched the hash; the constant-time comparison keeps the check itself safe
  // should the lookup ever change (a prefix index).
  const stored = Buffer.from(row.hash, "hex");
  if (stored.length !== digest.length || !crypto.timingSafeEqual(stored, digest)) return null;
  if (row.revoked_at) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write once rather than each.
    await sqlOf(db).query(`UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`, [
      row.id,
      now,
      new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
    ]);
  }
  if (!remembered) verifiedKeys.byDatabase.set(db, (remembered = new Map()));
  if (remembered.size >= VERIFIED_KEYS_MAX) remembered.clear();
  remembered.set(hex, { id: row.id, name: row.name, until: now.getTime() + VERIFIED_KEY_TTL_MS, generation });
  return { id: row.id, name: row.name };
}

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({ select: summarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}
