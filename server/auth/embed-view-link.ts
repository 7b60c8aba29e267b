import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { idText } from "@/server/schemas/text";
import { EMBED_CLOCK_SKEW_SECONDS, EMBED_SESSION_TTL_SECONDS, type EmbedViewer } from "./embed-token";

// The links between the embed's views (the tabs) carry `?view=<link token>`, so navigating inside an iframe on
// another site needs no cookie: browsers drop or partition third-party cookies, and over plain HTTP a
// SameSite=Lax cookie set inside a cross-site frame is never stored at all (issue 19 item 5).
// A link token is encrypted (JWE, dir + A256GCM) with a key derived from EMBED_SECRET for this purpose alone:
// the URL shows nothing readable (not even the viewer's own id), it cannot be forged or altered, and it is
// neither an LMS token nor a session. It ends when the session it was made from ends: navigation never
// extends access beyond the hour the LMS token's exchange granted.

/** Longer values are refused before decrypting: a real one is a few hundred characters. */
export const EMBED_VIEW_LINK_MAX_LENGTH = 1024;

export type EmbedViewLinkCheck = { ok: true; viewer: EmbedViewer } | { ok: false; reason: "expired" | "invalid" };

const encoder = new TextEncoder();
const linkKeys = new Map<string, Promise<Uint8Array>>();

/** HMAC(secret, purpose): 32 bytes, the A256GCM key, distinct from the LMS's key and the session's. */
function linkKey(secret: string): Promise<Uint8Array> {
  if (!secret) throw new Error("The embed secret is empty.");
  let key = linkKeys.get(secret);
  if (!key) {
    key = (async () => {
      const hmac = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return new Uint8Array(await crypto.subtle.sign("HMAC", hmac, encoder.encode("gamify:embed-view-link:v1")));
    })();
    linkKeys.set(secret, key);
  }
  return key;
}

/** A link token for this viewer, valid until `expiresAt` (the end of the session it comes from, at most an hour). */
export async function signEmbedViewLink(
  viewer: { userId: string; courseId: string | null },
  secret: string,
  expiresAt: Date,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const exp = Math.min(Math.floor(expiresAt.getTime() / 1000), issuedAt + EMBED_SESSION_TTL_SECONDS);
  return new EncryptJWT(viewer.courseId ? { courseId: viewer.courseId } : {})
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setSubject(viewer.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.max(exp, issuedAt + 1))
    .encrypt(await linkKey(secret));
}

const idClaim = idText();

/** Checks a link token: ours (decrypts and authenticates), not expired, not further ahead than a session lasts. */
export async function verifyEmbedViewLink(value: string, secret: string, now = new Date()): Promise<EmbedViewLinkCheck> {
  if (!value || value.length > EMBED_VIEW_LINK_MAX_LENGTH) return { ok: false, reason: "invalid" };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtDecrypt(value, await linkKey(secret), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: EMBED_CLOCK_SKEW_SECONDS,
      currentDate: now,
    }));
  } catch (err) {
    return { ok: false, reason: (err as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const courseId = (payload as { courseId?: unknown }).courseId ?? null;
  const claimsOk =
    idClaim.safeParse(payload.sub).success &&
    (courseId === null || idClaim.safeParse(courseId).success) &&
    payload.exp! - nowSeconds <= EMBED_SESSION_TTL_SECONDS + EMBED_CLOCK_SKEW_SECONDS;
  if (!claimsOk) return { ok: false, reason: "invalid" };
  return { ok: true, viewer: { userId: payload.sub!, courseId: courseId as string | null, expiresAt: new Date(payload.exp! * 1000) } };
}
