import { describe, expect, it } from "vitest";
import { summariseCredential } from "./summary";

// The verification page's sentence comes from the credential itself: what it shows for each way of naming the learner.
const credential = (identifier: unknown) => ({
  issuer: { id: "https://x.example/api/openbadges/issuer", name: "Acme", url: "https://acme.example" },
  awardedDate: "2026-11-20T12:00:00.000Z",
  credentialSubject: {
    achievement: { name: "Ten Lessons", description: "Finish ten", criteria: { narrative: "Complete 10 lessons." } },
    identifier: [identifier],
  },
});

describe("summariseCredential", () => {
  it("says what was earned, when and from whom", () => {
    expect(summariseCredential(credential({ hashed: true, identityHash: "sha256$ab", salt: "s" }))).toMatchObject({
      achievement: "Ten Lessons",
      criteria: "Complete 10 lessons.",
      issuerName: "Acme",
      issuerUrl: "https://acme.example",
      awardedAt: "2026-11-20T12:00:00.000Z",
      recipient: expect.stringContaining("kept private"),
    });
  });

  it("names a learner by their id only when the credential gives it in plain", () => {
    expect(summariseCredential(credential({ hashed: false, identityHash: "u-42" }))?.recipient).toBe('the learner with the LMS id "u-42"');
  });

  it("answers null for JSON that is no credential", () => {
    expect(summariseCredential([1, 2])).toBeNull();
    expect(summariseCredential({ credentialSubject: {} })).toBeNull();
  });
});
