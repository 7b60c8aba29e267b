import crypto from "node:crypto";

// How a learner is named to other learners (API.md Revision 2, "Embeds never show another learner's id"): by
// their display name, or, when they have none, by a neutral label. The label comes from a hash of the user id,
// so the same learner keeps it on every board and page, and four digits say nothing of the id (an LMS's user
// ids can be e-mail addresses or employee numbers). Two learners may share a label; it names, it does not
// identify. The boards answer a learner without a display name under their user id, and a name equal to the
// id would show it too: both read as no name.

/** The label of a learner who has no display name, e.g. "Learner 4821". */
export function neutralLearnerLabel(userId: string): string {
  const n = crypto.createHash("sha256").update(`gamify:learner-label:${userId}`).digest().readUInt32BE(0);
  return `Learner ${1000 + (n % 9000)}`;
}

/** What a board shown to `viewerId` calls the learner `userId` (answered as `displayName` by the boards). */
export function nameForOtherLearners(entry: { userId: string; displayName: string }, viewerId: string): string {
  if (entry.displayName !== entry.userId) return entry.displayName;
  return entry.userId === viewerId ? "You" : neutralLearnerLabel(entry.userId);
}
