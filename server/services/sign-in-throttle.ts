import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";
import { normalizeEmail, verifyAdminPassword, type AdminSummary } from "@/server/services/admins";
import { writeAudit } from "@/server/services/audit";

// Admin sign-in throttle: at most SIGN_IN_MAX_FAILURES failed attempts per account and per client address
// in any SIGN_IN_WINDOW_MS; past that, refused until the oldest counted failure leaves the window, without
// computing a password hash (each costs an argon2 hash of server CPU). The count lives in the database, so
// every instance of the app shares it. rate-limiter-flexible (STYLE.md) would create its own table outside the
// migrations, has no store for PGlite, and cannot clear an account's count while keeping the address's.

export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** Who is trying: the e-mail as typed, and the client address (server/auth/client-address.ts). */
export interface SignInSource {
  email: string;
  address: string;
}

export type SignInOutcome =
  { kind: "signed-in"; admin: AdminSummary } | { kind: "refused" } | { kind: "throttled"; retryAfterSeconds: number };

type Scope = "account" | "address";
type Keys = Record<Scope, string>;

// An account is counted by a hash of the address typed, so the table holds no e-mail (nor a password typed
// into the e-mail field) in clear.
function keysOf(source: SignInSource): Keys {
  return { account: crypto.createHash("sha256").update(normalizeEmail(source.email)).digest("hex"), address: source.address };
}

/**
 * Seconds until a sign-in from this source may be tried, or null when it may be tried now. Reads only: the
 * sign-in route asks it before handing the request to next-auth, so a refused attempt costs one indexed read.
 */
export async function signInRetryAfter(db: Db, source: SignInSource, now = new Date()): Promise<number | null> {
  return retryAfter(db, keysOf(source), now);
}

/**
 * One sign-in attempt under the throttle. The attempt is counted as a failure before the password is checked,
 * one attempt at a time per account and per address, so attempts sent all at once are counted like attempts
 * in a row; a right password then takes its attempt back and clears the account's failures. The failures of
 * the address stay: a success on a known account must not reset the count for guesses at other accounts.
 * A failure is written to the audit log, with the e-mail only when it is a known admin's.
 */
export async function attemptSignIn(
  db: PrismaClient,
  input: SignInSource & { password: string },
  now = new Date(),
): Promise<SignInOutcome> {
  const keys = keysOf(input);
  const counted = await db.$transaction(async (tx): Promise<{ wait: number } | { ids: bigint[] }> => {
    // Always account then address: two attempts never wait for each other's lock in opposite orders.
    for (const scope of ["account", "address"] as const) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in:${scope}:${keys[scope]}`}, 0))`;
    }
    const wait = await retryAfter(tx, keys, now);
    if (wait !== null) return { wait };
    await pruneExpired(tx, now);
    const account = await tx.signInFailure.create({ data: { scope: "account", key: keys.account, failedAt: now }, select: { id: true } });
    const address = await tx.signInFailure.create({ data: { scope: "address", key: keys.address, failedAt: now }, select: { id: true } });
    return { ids: [account.id, address.id] };
  });
  if ("wait" in counted) return { kind: "throttled", retryAfterSeconds: counted.wait };

  const admin = input.email && input.password ? await verifyAdminPassword(db, input.email, input.password) : null;
  if (admin) {
    await db.signInFailure.deleteMany({ where: { OR: [{ id: { in: counted.ids } }, { scope: "account", key: keys.account }] } });
    return { kind: "signed-in", admin };
  }
  await auditFailure(db, input);
  return { kind: "refused" };
}

async function retryAfter(db: Db, keys: Keys, now: Date): Promise<number | null> {
  const rows = await db.signInFailure.findMany({
    where: {
      failedAt: { gt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) },
      OR: [
        { scope: "account", key: keys.account },
        { scope: "address", key: keys.address },
      ],
    },
    select: { scope: true, failedAt: true },
    orderBy: { failedAt: "asc" },
  });
  let until = 0;
  for (const scope of ["account", "address"] satisfies Scope[]) {
    const times = rows.filter((r) => r.scope === scope).map((r) => r.failedAt.getTime());
    // Free again when the count falls below the limit: when the failure MAX places before the newest expires.
    if (times.length >= SIGN_IN_MAX_FAILURES) until = Math.max(until, times[times.length - SIGN_IN_MAX_FAILURES]! + SIGN_IN_WINDOW_MS);
  }
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

// Failures past the window count for nothing. SKIP LOCKED: two attempts pruning at once never wait on (or
// deadlock over) each other's rows; what one skips, a later attempt removes.
async function pruneExpired(db: Db, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  await db.$executeRaw`DELETE FROM sign_in_failure WHERE id IN (
    SELECT id FROM sign_in_failure WHERE failed_at <= ${cutoff} LIMIT 1000 FOR UPDATE SKIP LOCKED)`;
}

async function auditFailure(db: Db, input: SignInSource): Promise<void> {
  const known = await db.adminUser.findUnique({ where: { email: normalizeEmail(input.email) }, select: { id: true, email: true } });
  await writeAudit(db, known ? { adminId: known.id, actor: known.email } : { adminId: null, actor: "unknown account" }, {
    action: "admin.sign_in_failed",
    details: { address: input.address },
  });
}
