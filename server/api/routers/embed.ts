import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, embedProcedure } from "@/server/api/trpc";
import type { EmbedViewer } from "@/server/auth/embed-token";
import { AppError } from "@/server/errors";
import {
  embedActiveDaysInput,
  embedActiveDaysSchema,
  embedAroundInput,
  embedBoardInput,
  embedBoardSchema,
  embedLedgerInput,
  embedLedgerSchema,
  embedMarkSeenInput,
  embedProfileSchema,
  embedStreakSchema,
  embedViewerSchema,
  type BoardScope,
  type EmbedBoard,
} from "@/server/schemas/embed";
import { addDays, addMonths, dayInZone, mondayOf } from "@/server/lib/calendar";
import { getAroundLearner, getLeaderboard, type BoardPage } from "@/server/services/leaderboards";
import {
  findLearner,
  getLearnerAchievements,
  getLearnerStats,
  getLearnerStreak,
  listActiveDays,
  listLedger,
  markAchievementsSeen,
} from "@/server/services/learners";

// What the learner embeds read and change, always for the learner the LMS signed for (ctx.viewer): no
// procedure takes a user id. A learner the LMS has not sent an event for yet is not an error here: the views
// show a welcome instead, so "unknown learner" reads as null or empty.

async function unlessUnknown<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}

function boardCourse(viewer: EmbedViewer, scope: BoardScope): string | null {
  if (scope === "global") return null;
  if (!viewer.courseId) throw new TRPCError({ code: "BAD_REQUEST", message: "This view was not opened from a course." });
  return viewer.courseId;
}

/** A board as the viewer may see it: other learners by display name only. */
function shapeBoard(page: BoardPage, viewer: EmbedViewer, offset: number, me: { rank: number; points: number } | null): EmbedBoard {
  return {
    scope: page.scope,
    courseId: page.courseId,
    period: page.period,
    periodStart: page.periodStart,
    periodEnd: page.periodEnd,
    total: page.total,
    offset,
    entries: page.entries.map((e) => ({ rank: e.rank, displayName: e.displayName, points: e.points, isMe: e.userId === viewer.userId })),
    me,
  };
}

export const embedRouter = createTRPCRouter({
  /** Stats and badges; null until the learner has any activity. */
  profile: embedProcedure.output(embedProfileSchema.nullable()).query(async ({ ctx }) => {
    const userId = ctx.viewer.userId;
    return unlessUnknown(
      Promise.all([getLearnerStats(ctx.db, userId), getLearnerAchievements(ctx.db, userId)]).then(([stats, achievements]) => ({
        stats,
        achievements,
      })),
    );
  }),

  /** The streak, today and this week's days, in the learner's zone; null until the learner has any activity. */
  streak: embedProcedure.output(embedStreakSchema.nullable()).query(async ({ ctx }) => {
    const streak = await unlessUnknown(getLearnerStreak(ctx.db, ctx.viewer.userId));
    if (!streak) return null;
    const today = dayInZone(new Date(), streak.timezone);
    const monday = mondayOf(today);
    const active = new Set(await listActiveDays(ctx.db, ctx.viewer.userId, monday, addDays(monday, 6)));
    const week = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({ day, active: active.has(day) }));
    return { streak, today, week };
  }),

  /** Active days of one calendar month, for the streak calendar. */
  activeDays: embedProcedure
    .input(embedActiveDaysInput)
    .output(embedActiveDaysSchema)
    .query(async ({ ctx, input }) => {
      const first = `${input.month}-01`;
      const days = await unlessUnknown(listActiveDays(ctx.db, ctx.viewer.userId, first, addDays(addMonths(first, 1), -1)));
      return { month: input.month, days: days ?? [] };
    }),

  /** A page of the global board or the viewer's course board, with the viewer's own standing. */
  leaderboard: embedProcedure
    .input(embedBoardInput)
    .output(embedBoardSchema)
    .query(async ({ ctx, input }) => {
      const courseId = boardCourse(ctx.viewer, input.scope);
      const ref = { courseId, period: input.period };
      const [page, around] = await Promise.all([
        getLeaderboard(ctx.db, { ...ref, limit: input.limit, offset: input.offset }),
        unlessUnknown(getAroundLearner(ctx.db, { ...ref, userId: ctx.viewer.userId, radius: 0 })),
      ]);
      const me = around?.me ? { rank: around.me.rank, points: around.me.points } : null;
      return shapeBoard(page, ctx.viewer, input.offset, me);
    }),

  /** The viewer and their neighbours on a board ("around me"). */
  around: embedProcedure
    .input(embedAroundInput)
    .output(embedBoardSchema)
    .query(async ({ ctx, input }) => {
      const courseId = boardCourse(ctx.viewer, input.scope);
      const ref = { courseId, period: input.period, userId: ctx.viewer.userId, radius: input.radius };
      const around = await unlessUnknown(getAroundLearner(ctx.db, ref));
      if (!around) {
        const empty = await getLeaderboard(ctx.db, { courseId, period: input.period, limit: 1, offset: 0 });
        return shapeBoard({ ...empty, entries: [] }, ctx.viewer, 0, null);
      }
      const me = around.me ? { rank: around.me.rank, points: around.me.points } : null;
      // The position of the first row, so "previous / next" can page on from here.
      const offset = me ? Math.max(0, me.rank - 1 - around.entries.findIndex((e) => e.userId === ctx.viewer.userId)) : 0;
      return shapeBoard(around, ctx.viewer, offset, me);
    }),

  /** "Why did I get these points": the viewer's ledger, newest first. */
  ledger: embedProcedure
    .input(embedLedgerInput)
    .output(embedLedgerSchema)
    .query(async ({ ctx, input }) => {
      const page = await unlessUnknown(listLedger(ctx.db, ctx.viewer.userId, { limit: input.limit, before: input.before }));
      if (!page) return { lines: [], nextBefore: null };
      return {
        // Admin e-mails, event ids and notes stay out: the label already says why, in a learner's words.
        lines: page.lines.map((l) => ({
          id: l.id,
          points: l.points,
          reason: l.reason,
          label: l.label,
          occurredAt: l.occurredAt,
          courseId: l.courseId,
          achievementKey: l.achievementKey,
        })),
        nextBefore: page.nextBefore,
      };
    }),

  /** Who is looking (null name until the LMS has sent an event for them), and what to announce to them. */
  viewer: embedProcedure.output(embedViewerSchema).query(async ({ ctx }) => {
    const [learner, achievements] = await Promise.all([
      unlessUnknown(findLearner(ctx.db, ctx.viewer.userId)),
      unlessUnknown(getLearnerAchievements(ctx.db, ctx.viewer.userId)),
    ]);
    return {
      displayName: learner ? (learner.displayName ?? learner.userId) : null,
      courseId: ctx.viewer.courseId,
      unseen: achievements?.earned.filter((a) => !a.seen) ?? [],
    };
  }),

  /** Marks the viewer's announced achievements as seen, so they are announced once. */
  markSeen: embedProcedure
    .input(embedMarkSeenInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markAchievementsSeen(ctx.db, ctx.viewer.userId, input.keys) })),
});
