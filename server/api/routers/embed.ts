import { z } from "zod";
import { createTRPCRouter, embedProcedure } from "@/server/api/trpc";
import {
  embedActiveDaysInput,
  embedActiveDaysSchema,
  embedAroundInput,
  embedBoardInput,
  embedBoardSchema,
  embedLedgerInput,
  embedLedgerSchema,
  embedMarkLevelSeenInput,
  embedMarkSeenInput,
  embedProfileSchema,
  embedStreakSchema,
  embedViewerSchema,
} from "@/server/schemas/embed";
import { embedCredentialSchema } from "@/server/schemas/credential-views";
import { achievementKeySchema } from "@/server/schemas/achievements";
import { ownCredential } from "@/server/services/credentials/own";
import { markAchievementsSeen } from "@/server/services/learner-achievements";
import { markLevelSeen } from "@/server/services/levels";
import {
  getOwnBoard,
  getOwnNeighbours,
  getOwnProfile,
  getOwnStreak,
  getViewerInfo,
  listOwnActiveDays,
  listOwnLedger,
} from "@/server/services/learner-views";

// What the learner embeds read and change, always for the learner the LMS signed for (ctx.viewer): no
// procedure takes a user id.

export const embedRouter = createTRPCRouter({
  /** Stats and badges; null until the learner has any activity. */
  profile: embedProcedure.output(embedProfileSchema.nullable()).query(({ ctx }) => getOwnProfile(ctx.db, ctx.viewer)),

  /** An earned badge as a signed Open Badges credential, to download or share (issued on first ask). */
  credential: embedProcedure
    .input(z.object({ key: achievementKeySchema }))
    .output(embedCredentialSchema)
    .mutation(({ ctx, input }) => ownCredential(ctx.db, ctx.viewer, input.key)),

  /** The streak, today and this week's days, in the learner's zone; null until the learner has any activity. */
  streak: embedProcedure.output(embedStreakSchema.nullable()).query(({ ctx }) => getOwnStreak(ctx.db, ctx.viewer)),

  /** Active days of one calendar month, for the streak calendar. */
  activeDays: embedProcedure
    .input(embedActiveDaysInput)
    .output(embedActiveDaysSchema)
    .query(({ ctx, input }) => listOwnActiveDays(ctx.db, ctx.viewer, input.month)),

  /** A page of the global board or the viewer's course board, with the viewer's own standing. */
  leaderboard: embedProcedure
    .input(embedBoardInput)
    .output(embedBoardSchema)
    .query(({ ctx, input }) => getOwnBoard(ctx.db, ctx.viewer, input)),

  /** The viewer and their neighbours on a board ("around me"). */
  around: embedProcedure
    .input(embedAroundInput)
    .output(embedBoardSchema)
    .query(({ ctx, input }) => getOwnNeighbours(ctx.db, ctx.viewer, input)),

  /** "Why did I get these points": the viewer's ledger, newest first. */
  ledger: embedProcedure
    .input(embedLedgerInput)
    .output(embedLedgerSchema)
    .query(({ ctx, input }) => listOwnLedger(ctx.db, ctx.viewer, input)),

  /** Who is looking (null name until the LMS has sent an event for them), and what to announce to them. */
  viewer: embedProcedure.output(embedViewerSchema).query(({ ctx }) => getViewerInfo(ctx.db, ctx.viewer)),

  /** Marks the viewer's announced achievements as seen, so they are announced once. */
  markSeen: embedProcedure
    .input(embedMarkSeenInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markAchievementsSeen(ctx.db, ctx.viewer.userId, input.keys) })),

  /** Marks the viewer's announced level as seen, so a level-up is announced once. */
  markLevelSeen: embedProcedure
    .input(embedMarkLevelSeenInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markLevelSeen(ctx.db, ctx.viewer.userId, input.points) })),
});
