import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { embedFrameAncestors, parseAllowedOrigins } from "./embed-frame-policy";
import {
  EMBED_SESSION_COOKIE,
  EMBED_SESSION_HEADER,
  EMBED_TOKEN_MAX_LENGTH,
  embedSessionCookieOptions,
  embedUrl,
  readCookie,
  readEmbedSession,
  signEmbedSession,
  signEmbedToken,
  verifyEmbedSession,
  verifyEmbedToken,
} from "./embed-token";

const SECRET = "unit-test-embed-secret-0123456789";
const now = new Date("2026-11-25T10:00:00Z");
const nowSec = Math.floor(now.getTime() / 1000);
const key = new TextEncoder().encode(SECRET);

/** A token as an LMS might sign it, with any claims and header. */
function lmsToken(claims: Record<string, unknown>, alg = "HS256", signingKey: Uint8Array = key) {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(signingKey);
}

describe("verifyEmbedToken", () => {
  it("accepts a token signed by signEmbedToken, with its subject, course and expiry", async () => {
    const token = await signEmbedToken("u-42", SECRET, { ttlSeconds: 600, courseId: "c-7", now });
    await expect(verifyEmbedToken(token, SECRET, now)).resolves.toEqual({
      ok: true,
      viewer: { userId: "u-42", courseId: "c-7", expiresAt: new Date((nowSec + 600) * 1000) },
    });
  });

  it("accepts a minimal LMS token (sub and exp only); courseId is then null", async () => {
    const token = await lmsToken({ sub: "learner-1", exp: nowSec + 3600 });
    const check = await verifyEmbedToken(token, SECRET, now);
    expect(check).toMatchObject({ ok: true, viewer: { userId: "learner-1", courseId: null } });
  });

  it("refuses a missing or empty token", async () => {
    await expect(verifyEmbedToken(undefined, SECRET, now)).resolves.toEqual({ ok: false, reason: "missing" });
    await expect(verifyEmbedToken("", SECRET, now)).resolves.toEqual({ ok: false, reason: "missing" });
  });

  it("refuses an expired token, but tolerates a minute of clock skew", async () => {
    const expired = await lmsToken({ sub: "u", exp: nowSec - 61 });
    await expect(verifyEmbedToken(expired, SECRET, now)).resolves.toEqual({ ok: false, reason: "expired" });
    const justExpired = await lmsToken({ sub: "u", exp: nowSec - 30 });
    await expect(verifyEmbedToken(justExpired, SECRET, now)).resolves.toMatchObject({ ok: true });
  });

  it("refuses a token expiring more than an hour (+ skew) ahead", async () => {
    const far = await lmsToken({ sub: "u", exp: nowSec + 3600 + 61 });
    await expect(verifyEmbedToken(far, SECRET, now)).resolves.toEqual({ ok: false, reason: "too-far-ahead" });
    const edge = await lmsToken({ sub: "u", exp: nowSec + 3600 + 60 });
    await expect(verifyEmbedToken(edge, SECRET, now)).resolves.toMatchObject({ ok: true });
  });

  it("refuses a token without exp or without sub", async () => {
    await expect(verifyEmbedToken(await lmsToken({ sub: "u" }), SECRET, now)).resolves.toEqual({ ok: false, reason: "bad-claims" });
    await expect(verifyEmbedToken(await lmsToken({ exp: nowSec + 60 }), SECRET, now)).resolves.toEqual({ ok: false, reason: "bad-claims" });
  });

  it("refuses an empty or over-long sub, and a malformed courseId", async () => {
    for (const claims of [
      { sub: "", exp: nowSec + 60 },
      { sub: "x".repeat(129), exp: nowSec + 60 },
      { sub: "u", exp: nowSec + 60, courseId: 7 },
      { sub: "u", exp: nowSec + 60, courseId: "" },
    ]) {
      await expect(verifyEmbedToken(await lmsToken(claims), SECRET, now), JSON.stringify(claims)).resolves.toEqual({
        ok: false,
        reason: "bad-claims",
      });
    }
    const longest = await lmsToken({ sub: "x".repeat(128), exp: nowSec + 60 });
    await expect(verifyEmbedToken(longest, SECRET, now)).resolves.toMatchObject({ ok: true });
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signEmbedToken("u-42", "another-secret-of-enough-length", { now });
    await expect(verifyEmbedToken(token, SECRET, now)).resolves.toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a tampered payload (another sub with the original signature)", async () => {
    const token = await signEmbedToken("u-42", SECRET, { now });
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "u-admin", exp: nowSec + 600 })).toString("base64url");
    await expect(verifyEmbedToken(`${header}.${forged}.${signature}`, SECRET, now)).resolves.toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("refuses alg none and other algorithms than HS256", async () => {
    const unsigned = new UnsecuredJWT({ sub: "u" }).setExpirationTime(nowSec + 60).encode();
    await expect(verifyEmbedToken(unsigned, SECRET, now)).resolves.toMatchObject({ ok: false });
    const hs512 = await lmsToken({ sub: "u", exp: nowSec + 60 }, "HS512", new TextEncoder().encode(SECRET.repeat(3)));
    await expect(verifyEmbedToken(hs512, SECRET.repeat(3), now)).resolves.toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a token that is not yet valid (nbf in the future)", async () => {
    const token = await lmsToken({ sub: "u", exp: nowSec + 600, nbf: nowSec + 300 });
    await expect(verifyEmbedToken(token, SECRET, now)).resolves.toEqual({ ok: false, reason: "not-yet-valid" });
  });

  it("refuses garbage and over-long tokens without parsing them", async () => {
    await expect(verifyEmbedToken("not-a-jwt", SECRET, now)).resolves.toEqual({ ok: false, reason: "malformed" });
    await expect(verifyEmbedToken("a.b.c", SECRET, now)).resolves.toEqual({ ok: false, reason: "malformed" });
    const padded = await lmsToken({ sub: "u", exp: nowSec + 60, pad: "x".repeat(EMBED_TOKEN_MAX_LENGTH) });
    await expect(verifyEmbedToken(padded, SECRET, now)).resolves.toEqual({ ok: false, reason: "too-long" });
  });
});

describe("signEmbedToken", () => {
  it("refuses lifetimes over an hour and bad ids, so the LMS-side helper cannot mint what we would refuse", async () => {
    await expect(signEmbedToken("u", SECRET, { ttlSeconds: 3601 })).rejects.toThrow(RangeError);
    await expect(signEmbedToken("u", SECRET, { ttlSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(signEmbedToken("", SECRET)).rejects.toThrow(RangeError);
    await expect(signEmbedToken("u", SECRET, { courseId: "" })).rejects.toThrow(RangeError);
  });
});

describe("embed sessions", () => {
  it("round-trip the viewer, and last an hour", async () => {
    const session = await signEmbedSession({ userId: "u-42", courseId: "c-7" }, SECRET, { now });
    const check = await verifyEmbedSession(session, SECRET, now);
    expect(check).toEqual({ ok: true, viewer: { userId: "u-42", courseId: "c-7", expiresAt: new Date((nowSec + 3600) * 1000) } });
    const later = new Date(now.getTime() + 3661_000);
    await expect(verifyEmbedSession(session, SECRET, later)).resolves.toEqual({ ok: false, reason: "expired" });
  });

  it("handed on from a cookie, end when the cookie does", async () => {
    const expiresAt = new Date(now.getTime() + 600_000);
    const session = await signEmbedSession({ userId: "u-42", courseId: null }, SECRET, { now, expiresAt });
    await expect(verifyEmbedSession(session, SECRET, now)).resolves.toMatchObject({ ok: true, viewer: { expiresAt } });
  });

  it("are not interchangeable with LMS tokens, either way", async () => {
    const session = await signEmbedSession({ userId: "u-42", courseId: null }, SECRET, { now });
    await expect(verifyEmbedToken(session, SECRET, now)).resolves.toEqual({ ok: false, reason: "bad-signature" });
    const token = await signEmbedToken("u-42", SECRET, { now });
    await expect(verifyEmbedSession(token, SECRET, now)).resolves.toEqual({ ok: false, reason: "bad-signature" });
  });

  it("are read from the header first, else from the cookie", async () => {
    const a = await signEmbedSession({ userId: "a", courseId: null }, SECRET, { now });
    const b = await signEmbedSession({ userId: "b", courseId: null }, SECRET, { now });
    const both = new Headers({ [EMBED_SESSION_HEADER]: a, cookie: `other=1; ${EMBED_SESSION_COOKIE}=${b}` });
    await expect(readEmbedSession(both, SECRET, now)).resolves.toMatchObject({ via: "header", viewer: { userId: "a" } });
    const cookieOnly = new Headers({ cookie: `${EMBED_SESSION_COOKIE}=${b}; theme=dark` });
    await expect(readEmbedSession(cookieOnly, SECRET, now)).resolves.toMatchObject({ via: "cookie", viewer: { userId: "b" } });
    await expect(readEmbedSession(new Headers(), SECRET, now)).resolves.toBeNull();
  });

  it("a bad header is not rescued by a good cookie", async () => {
    const b = await signEmbedSession({ userId: "b", courseId: null }, SECRET, { now });
    const headers = new Headers({ [EMBED_SESSION_HEADER]: "forged", cookie: `${EMBED_SESSION_COOKIE}=${b}` });
    await expect(readEmbedSession(headers, SECRET, now)).resolves.toBeNull();
  });

  it("cookie attributes: SameSite=None; Secure; Partitioned over HTTPS, Lax over plain HTTP", () => {
    expect(embedSessionCookieOptions(true)).toMatchObject({ httpOnly: true, secure: true, sameSite: "none", partitioned: true, path: "/" });
    expect(embedSessionCookieOptions(false)).toMatchObject({ httpOnly: true, secure: false, sameSite: "lax" });
  });

  it("readCookie finds one cookie among others", () => {
    expect(readCookie("a=1; gamify_embed=x.y.z; b=2", "gamify_embed")).toBe("x.y.z");
    expect(readCookie("xgamify_embed=1", "gamify_embed")).toBeNull();
    expect(readCookie(null, "gamify_embed")).toBeNull();
  });
});

describe("embedUrl", () => {
  it("builds a page URL with a valid one-hour token", async () => {
    const url = new URL(await embedUrl("http://localhost:3000", "demo-ada", SECRET, "streak", { theme: "dark" }));
    expect(url.origin + url.pathname).toBe("http://localhost:3000/embed/streak");
    expect(url.searchParams.get("theme")).toBe("dark");
    const check = await verifyEmbedToken(url.searchParams.get("token"), SECRET);
    expect(check).toMatchObject({ ok: true, viewer: { userId: "demo-ada" } });
  });

  it("defaults to the profile page", async () => {
    expect(new URL(await embedUrl("https://gamify.example.com/", "u", SECRET)).pathname).toBe("/embed/profile");
  });
});

describe("frame ancestors", () => {
  it("always allows our own origin, then the listed LMS origins", () => {
    expect(embedFrameAncestors("")).toBe("frame-ancestors 'self'");
    expect(embedFrameAncestors("https://lms.example.com, https://*.moodle.example.org:8443/")).toBe(
      "frame-ancestors 'self' https://lms.example.com https://*.moodle.example.org:8443",
    );
  });

  it("drops what is not an origin (paths, wildcards, keywords, other schemes)", () => {
    expect(parseAllowedOrigins("* https://ok.example 'none' javascript:alert(1) https://x.example/path data: https://ok.example")).toEqual({
      origins: ["https://ok.example"],
      rejected: ["*", "'none'", "javascript:alert(1)", "https://x.example/path", "data:"],
    });
  });
});
