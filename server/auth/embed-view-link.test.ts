import { describe, expect, it } from "vitest";
import { signEmbedSession, signEmbedToken, verifyEmbedSession, verifyEmbedToken } from "./embed-token";
import { EMBED_VIEW_LINK_MAX_LENGTH, signEmbedViewLink, verifyEmbedViewLink } from "./embed-view-link";

const SECRET = "unit-test-embed-secret-0123456789";
const now = new Date("2026-11-25T10:00:00Z");
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const viewer = { userId: "learner-ada@uni.example", courseId: "course-7" };

describe("embed view links", () => {
  it("round-trip the viewer and end when the session they came from ends", async () => {
    const link = await signEmbedViewLink(viewer, SECRET, inMinutes(25), now);
    await expect(verifyEmbedViewLink(link, SECRET, inMinutes(24))).resolves.toEqual({
      ok: true,
      viewer: { ...viewer, expiresAt: inMinutes(25) },
    });
    // A minute of clock skew, then expired: navigation never extends the session.
    await expect(verifyEmbedViewLink(link, SECRET, inMinutes(27))).resolves.toEqual({ ok: false, reason: "expired" });
  });

  it("never last more than an hour, whatever end they are given", async () => {
    const link = await signEmbedViewLink({ userId: "u", courseId: null }, SECRET, inMinutes(600), now);
    const check = await verifyEmbedViewLink(link, SECRET, now);
    expect(check).toEqual({ ok: true, viewer: { userId: "u", courseId: null, expiresAt: inMinutes(60) } });
  });

  it("show nothing readable in the URL: not the user id, not the course", async () => {
    const link = await signEmbedViewLink(viewer, SECRET, inMinutes(30), now);
    const decodedParts = link.split(".").map((part) => Buffer.from(part, "base64url").toString("latin1"));
    for (const text of [link, ...decodedParts]) {
      expect(text).not.toContain("learner-ada");
      expect(text).not.toContain("course-7");
    }
    expect(link).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/); // compact JWE, dir: empty encrypted key
    expect(encodeURIComponent(link)).toBe(link); // safe in a query string as it is
  });

  it("refuse another secret, a tampered value, garbage and over-long values", async () => {
    const link = await signEmbedViewLink(viewer, SECRET, inMinutes(30), now);
    await expect(verifyEmbedViewLink(link, "another-secret-0123456789abcdef", now)).resolves.toEqual({ ok: false, reason: "invalid" });
    const [header, encryptedKey, iv, ciphertext, tag] = link.split(".") as [string, string, string, string, string];
    const flipped = ciphertext.startsWith("A") ? "B" : "A";
    const tampered = [header, encryptedKey, iv, flipped + ciphertext.slice(1), tag].join(".");
    await expect(verifyEmbedViewLink(tampered, SECRET, now)).resolves.toEqual({ ok: false, reason: "invalid" });
    for (const value of ["", "abc", "a.b.c.d.e", `${link}${"A".repeat(EMBED_VIEW_LINK_MAX_LENGTH)}`]) {
      await expect(verifyEmbedViewLink(value, SECRET, now)).resolves.toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("are neither LMS tokens nor sessions, in any direction", async () => {
    const link = await signEmbedViewLink(viewer, SECRET, inMinutes(30), now);
    await expect(verifyEmbedToken(link, SECRET, now)).resolves.toMatchObject({ ok: false });
    await expect(verifyEmbedSession(link, SECRET, now)).resolves.toMatchObject({ ok: false });
    const token = await signEmbedToken(viewer.userId, SECRET, { now });
    const session = await signEmbedSession(viewer, SECRET, { now });
    await expect(verifyEmbedViewLink(token, SECRET, now)).resolves.toEqual({ ok: false, reason: "invalid" });
    await expect(verifyEmbedViewLink(session, SECRET, now)).resolves.toEqual({ ok: false, reason: "invalid" });
  });
});
