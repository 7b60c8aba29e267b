// A credential in plain words for the verification page: read from the JSON itself (what was signed), never from
// our database, so a pasted copy is described exactly as it says.

export interface CredentialSummary {
  achievement: string;
  criteria: string | null;
  description: string | null;
  imageUrl: string | null;
  issuerName: string;
  issuerUrl: string | null;
  /** Who earned it, as a sentence that reveals no more than the credential does. */
  recipient: string;
  awardedAt: string | null;
  validFrom: string | null;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function recipientOf(subject: Record<string, unknown>): string {
  const identity = record(Array.isArray(subject.identifier) ? subject.identifier[0] : undefined);
  if (identity.hashed === false && text(identity.identityHash)) return `the learner with the LMS id "${String(identity.identityHash)}"`;
  if (identity.hashed === true) return "a learner whose LMS id is kept private (a salted hash that the learner can prove is theirs)";
  return text(subject.id) ? `the holder of ${String(subject.id)}` : "an unnamed learner";
}

export function summariseCredential(credential: unknown): CredentialSummary | null {
  const vc = record(credential);
  const subject = record(vc.credentialSubject);
  const achievement = record(subject.achievement);
  const issuer = typeof vc.issuer === "string" ? { id: vc.issuer } : record(vc.issuer);
  const name = text(achievement.name) ?? text(vc.name);
  if (!name) return null;
  return {
    achievement: name,
    criteria: text(record(achievement.criteria).narrative),
    description: text(achievement.description),
    imageUrl: text(record(achievement.image).id),
    issuerName: text(issuer.name) ?? text(issuer.id) ?? "an unnamed issuer",
    issuerUrl: text(issuer.url),
    recipient: recipientOf(subject),
    awardedAt: text(vc.awardedDate) ?? text(vc.validFrom),
    validFrom: text(vc.validFrom),
  };
}
