import { getServerSession, type NextAuthOptions, type Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb, type Db } from "@/server/db";
import { env } from "@/server/env";
import { findAdmin, type AdminSummary } from "@/server/services/admins";
import { verifyApiKey } from "@/server/services/api-keys";
import { attemptSignIn } from "@/server/services/sign-in-throttle";
import { clientAddress } from "./client-address";
import { throttledSignInError } from "./sign-in-throttle-message";

declare module "next-auth" {
  interface Session {
    /** The signed-in dashboard admin (AdminUser.id). */
    adminId?: number;
  }
}

export const SIGN_IN_PATH = "/admin/sign-in";
// Slows down password guessing; a right password answers at once.
const WRONG_PASSWORD_DELAY_MS = 500;

export const authOptions: NextAuthOptions = {
  // Read when a request needs it, not when the module loads, so `next build` needs no secret.
  get secret() {
    return env().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const outcome = await attemptSignIn(await getDb(), {
          email: credentials?.email ?? "",
          password: credentials?.password ?? "",
          address: clientAddress({ get: (name) => req.headers?.[name] }),
        });
        // Attempts sent at once pass the sign-in route's check together; the ones past the limit stop here,
        // still before any hash (the form reads the wait from this error).
        if (outcome.kind === "throttled") throw new Error(throttledSignInError(outcome.retryAfterSeconds));
        if (outcome.kind === "refused") {
          await new Promise((resolve) => setTimeout(resolve, WRONG_PASSWORD_DELAY_MS));
          return null;
        }
        const { admin } = outcome;
        return { id: String(admin.id), email: admin.email, name: admin.name };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.adminId = Number(token.sub);
      return session;
    },
  },
};

/** The signed-in admin, or null when signed out or when the admin has since been deleted. */
export async function findSessionAdmin(db: Db, session: Session | null): Promise<AdminSummary | null> {
  const id = session?.adminId;
  if (!id || !Number.isInteger(id)) return null;
  return findAdmin(db, id);
}

/** For dashboard server components: the signed-in admin, or a redirect to the sign-in page. */
export async function requireAdmin(): Promise<AdminSummary> {
  const admin = await getSignedInAdmin();
  if (!admin) redirect(SIGN_IN_PATH);
  return admin;
}

/** The signed-in admin of the current request (server components), or null. */
export async function getSignedInAdmin(): Promise<AdminSummary | null> {
  // Per request, never prerendered by `next build` (which has no secret, no database and no visitor).
  await connection();
  const session = await getServerSession(authOptions);
  if (!session?.adminId) return null;
  return findSessionAdmin(await getDb(), session);
}

/** Request headers as web Headers or anything that reads them by name. */
type HeaderReader = { get(name: string): string | null };

/** The key from `Authorization: Bearer <key>`, if any. */
export function readBearerToken(headers: HeaderReader): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** The key sent as the password of `Authorization: Basic base64(user:password)` (the user name is ignored). */
export function readBasicPassword(headers: HeaderReader): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(headers.get("authorization") ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/**
 * The API key a request presents, when it is valid and not revoked: `Authorization: Bearer <key>`, or with
 * `basic` also the key as the password of HTTP Basic, which xAPI (LRS) clients send.
 */
export async function authenticateApiKey(
  db: Db,
  headers: HeaderReader,
  options: { basic?: boolean } = {},
): Promise<{ id: number; name: string } | null> {
  const token = readBearerToken(headers) ?? (options.basic ? readBasicPassword(headers) : null);
  return token ? verifyApiKey(db, token) : null;
}
