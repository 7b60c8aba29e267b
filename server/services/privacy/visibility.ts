import type { z } from "zod";
import { sqlOf, type Db } from "@/server/db";
import type { visibilitySchema } from "@/server/schemas/learners";
import type { BoardEntry } from "@/server/services/leaderboards";

// Visibility (API.md Revision 2 "Learner privacy"): how the boards shown to other learners show a learner.
// `anonymous`: without name or id; `hidden`: not at all. Ranks are never recomputed: a hidden learner still
// holds their place (the rank after them skips it), so no learner's rank depends on who chose what. The viewer
// always sees their own row, and the LMS's and the admins' reads show everyone.

export type Visibility = z.infer<typeof visibilitySchema>;

/** What an anonymous learner is called on boards other learners see. */
export const ANONYMOUS_LABEL = "Anonymous learner";

/** The visibility of each of these learners that is not `visible` (one query; none for an empty list). */
export async function visibilityOf(db: Db, userIds: string[]): Promise<Map<string, Visibility>> {
  if (userIds.length === 0) return new Map();
  const rows = await sqlOf(db).query<{ user_id: string; visibility: Visibility }>(
    `SELECT user_id, visibility FROM learner WHERE user_id = ANY($1::text[]) AND visibility <> 'visible'`,
    [userIds],
  );
  return new Map(rows.map((r) => [r.user_id, r.visibility]));
}

/** A board's entries as the viewer may see them: hidden learners left out, anonymous ones unnamed. */
export function visibleEntries<E extends BoardEntry>(
  entries: E[],
  chosen: Map<string, Visibility>,
  viewerId: string,
): (E & { anonymous: boolean })[] {
  return entries
    .filter((e) => e.userId === viewerId || chosen.get(e.userId) !== "hidden")
    .map((e) => ({ ...e, anonymous: e.userId !== viewerId && chosen.get(e.userId) === "anonymous" }));
}
