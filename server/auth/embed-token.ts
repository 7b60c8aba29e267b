import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { env } from "@/server/env";
import { ID_MAX_LENGTH, idText } from "@/server/schemas/text";
import { EMBED_SESSION_COOKIE, EMBED_SESSION_HEADER, type EmbedPage } from "./embed-constants";

// Learner embeds (API.md "Learner embeds"): the LMS opens /embed/* with `?token=<JWT>`, HS256, signed with the
// EMBED_SECRET it shares with us, claims `sub` (its user id) and `exp` (at most an hour ahead), optionally
// `courseId`. We exchange it for a short session (a cookie for navigation inside the iframe, and a header for
// the page's own API calls), signed the same way but with a key derived from the secret, so a session can
// never be replayed as an LMS token, nor an LMS token as a session.

/** Longer tokens are refused before any parsing: a real one is a few hundred bytes. */
export const EMBED_TOKEN_MAX_LENGTH = 2048;
export const EMBED_TOKEN_MAX_TTL_SECONDS = 60 * 60;
/** Tolerated drift between the LMS's clock and ours, on `exp`, `nbf` and the one-hour bound. */
export const EMBED_CLOCK_SKEW_SECONDS = 60;
/** A session lasts as long as the longest token could, so the exchange never grants more than the LMS can. */
export const EMBED_SESSION_TTL_SECONDS = 60 * 60;
export { EMBED_PAGES, EMBED_SESSION_COOKIE, EMBED_SESSION_HEADER, type EmbedPage } from "./embed-constants";

export interface EmbedViewer {
  userId: string;
  /** The course the LMS opened the embed from: its board is the default one. */
  courseId: string | null;
  expiresAt: Date;
}

export type EmbedTokenFailure =
  "missing" | "too-long" | "malformed" | "bad-signature" | "expired" | "not-yet-valid" | "too-far-ahead" | "bad-claims";

export type EmbedTokenCheck = { ok: true; viewer: EmbedViewer } | { ok: false; reason: EmbedTokenFailure };

/** The secret shared with the LMS (env.ts supplies a development default, and requires one in production). */
export function embedSecret(): string {
  const secret = env().EMBED_SECRET;
  if (!secret) throw new Error("EMBED_SECRET is not set.");
  return secret;
}

const encoder = new TextEncoder();
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

function tokenKey(secret: string): Uint8Array<ArrayBuffer> {
  if (!secret) throw new Error("The embed secret is empty.");
  return encoder.encode(secret);
}

const sessionKeys = new Map<string, Promise<Uint8Array>>();

/** HMAC(secret, purpose): the session key, distinct from the key the LMS signs with. */
function sessionKey(secret: string): Promise<Uint8Array> {
  let key = sessionKeys.get(secret);
  if (!key) {
    key = (async () => {
      const hmac = await crypto.subtle.importKey("raw", tokenKey(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return new Uint8Array(await crypto.subtle.sign("HMAC", hmac, encoder.encode("gamify:embed-session:v1")));
    })();
    sessionKeys.set(secret, key);
  }
  return key;
}

/** The ids a token carries follow the rule of every id (no control character, valid Unicode, not only spaces). */
const idClaim = idText();
function checkId(value: unknown): value is string {
  return idClaim.safeParse(value).success;
}

async function sign(key: Uint8Array, userId: string, courseId: string | null | undefined, ttlSeconds: number, now: Date) {
  if (!checkId(userId)) throw new RangeError(`userId must be an id of 1-${ID_MAX_LENGTH} characters.`);
  if (courseId != null && !checkId(courseId)) throw new RangeError(`courseId must be an id of 1-${ID_MAX_LENGTH} characters.`);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > EMBED_TOKEN_MAX_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be an integer from 1 to ${EMBED_TOKEN_MAX_TTL_SECONDS}.`);
  }
  const issuedAt = seconds(now);
  return new SignJWT(courseId ? { courseId } : {})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
}

async function verify(token: string | null | undefined, key: Uint8Array, now: Date): Promise<EmbedTokenCheck> {
  if (!token) return { ok: false, reason: "missing" };
  if (token.length > EMBED_TOKEN_MAX_LENGTH) return { ok: false, reason: "too-long" };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      requiredClaims: ["sub", "exp"],
      clockTolerance: EMBED_CLOCK_SKEW_SECONDS,
      currentDate: now,
    }));
  } catch (err) {
    return { ok: false, reason: failureOf(err) };
  }
  if (payload.exp! - seconds(now) > EMBED_TOKEN_MAX_TTL_SECONDS + EMBED_CLOCK_SKEW_SECONDS) return { ok: false, reason: "too-far-ahead" };
  const courseId = (payload as { courseId?: unknown }).courseId;
  if (!checkId(payload.sub) || (courseId !== undefined && courseId !== null && !checkId(courseId))) {
    return { ok: false, reason: "bad-claims" };
  }
  return { ok: true, viewer: { userId: payload.sub, courseId: courseId ?? null, expiresAt: new Date(payload.exp! * 1000) } };
}

function failureOf(err: unknown): EmbedTokenFailure {
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JOSEAlgNotAllowed) return "bad-signature";
  if (err instanceof errors.JWTClaimValidationFailed) return err.claim === "nbf" ? "not-yet-valid" : "bad-claims";
  return "malformed";
}

/** What the LMS does (and tests, the demo and docs/embedding.md): a token for one learner. */
export function signEmbedToken(
  userId: string,
  secret: string,
  options: { ttlSeconds?: number; courseId?: string | null; now?: Date } = {},
): Promise<string> {
  return sign(tokenKey(secret), userId, options.courseId, options.ttlSeconds ?? 10 * 60, options.now ?? new Date());
}

/** Checks an LMS token: HS256 only, `sub` and `exp` required, `exp` at most an hour (+ skew) ahead, at most 2 KB. */
export function verifyEmbedToken(token: string | null | undefined, secret: string, now = new Date()): Promise<EmbedTokenCheck> {
  return verify(token, tokenKey(secret), now);
}

/**
 * The session a token is exchanged for: an hour from now, or until `expiresAt` when an existing session is
 * handed on (a page opened with the cookie gives its islands a session that ends with the cookie, not later).
 */
export async function signEmbedSession(
  viewer: { userId: string; courseId: string | null },
  secret: string,
  options: { now?: Date; expiresAt?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const ttl = options.expiresAt ? Math.floor((options.expiresAt.getTime() - now.getTime()) / 1000) : EMBED_SESSION_TTL_SECONDS;
  return sign(await sessionKey(secret), viewer.userId, viewer.courseId, Math.min(Math.max(ttl, 1), EMBED_SESSION_TTL_SECONDS), now);
}

export async function verifyEmbedSession(value: string | null | undefined, secret: string, now = new Date()): Promise<EmbedTokenCheck> {
  return verify(value, await sessionKey(secret), now);
}

/** A cookie's value from a Cookie header (the session cookie is a JWT: no quoting or escaping to undo). */
export function readCookie(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The embed session a request carries: the header first (what the page's islands send), else the cookie.
 * `via` lets callers refuse the cookie alone where a cross-site request could ride on it (mutations).
 */
export async function readEmbedSession(
  headers: Headers,
  secret: string,
  now = new Date(),
): Promise<{ viewer: EmbedViewer; via: "header" | "cookie" } | null> {
  const fromHeader = headers.get(EMBED_SESSION_HEADER);
  if (fromHeader) {
    const check = await verifyEmbedSession(fromHeader, secret, now);
    return check.ok ? { viewer: check.viewer, via: "header" } : null;
  }
  const check = await verifyEmbedSession(readCookie(headers.get("cookie"), EMBED_SESSION_COOKIE), secret, now);
  return check.ok ? { viewer: check.viewer, via: "cookie" } : null;
}

/** Cookie attributes for the session: SameSite=None (it lives in a cross-site iframe) needs HTTPS. */
export function embedSessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    path: "/",
    maxAge: EMBED_SESSION_TTL_SECONDS,
    ...(secure ? { secure: true, sameSite: "none" as const, partitioned: true } : { secure: false, sameSite: "lax" as const }),
  };
}

/** A ready-to-open embed URL for one learner (for the demo command and for trying things out). */
export async function embedUrl(
  baseUrl: string,
  userId: string,
  secret: string,
  page: EmbedPage = "profile",
  options: { ttlSeconds?: number; courseId?: string | null; theme?: "light" | "dark" } = {},
): Promise<string> {
  const token = await signEmbedToken(userId, secret, {
    ttlSeconds: options.ttlSeconds ?? EMBED_TOKEN_MAX_TTL_SECONDS,
    courseId: options.courseId,
  });
  const url = new URL(`/embed/${page}`, baseUrl);
  url.searchParams.set("token", token);
  if (options.theme) url.searchParams.set("theme", options.theme);
  return url.toString();
}
