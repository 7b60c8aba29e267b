import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { addDays, addMonths, dayInZone, mondayOf } from "@/server/lib/calendar";
import type { BoardScope, EmbedBoard, EmbedLedger, EmbedProfile, EmbedStreak, EmbedViewerInfo } from "@/server/schemas/embed";
import { loadTitles } from "./catalog-titles";
import { getLearnerAchievements } from "./learner-achievements";
import { nameForOtherLearners } from "./learner-label";
import { listLedger } from "./learner-ledger";
import { findLearner, getLearnerStats, getLearnerStreak, listActiveDays } from "./learner-profile";
import { getAroundLearner, getLeaderboard, type BoardPage } from "./leaderboards";
import { getLearnerLevel, levelOf, unannouncedLevel } from "./levels";
import { ANONYMOUS_LABEL, visibilityOf, visibleEntries } from "./privacy/visibility";
import { cachedConfig } from "./rules";

// What the learner embeds show, always of the learner the LMS signed for: no function here takes a user id
// from the request. A learner the LMS has not sent an event for yet is not an error here: the views show a
// welcome instead, so "unknown learner" reads as null or empty.

/** The learner looking, and the course the LMS opened the view from (its board is the default one). */
export interface Viewer {
  userId: string;
  courseId: string | null;
}

async function unlessUnknown<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}

/** Stats and badges; null until the learner has any activity. */
export async function getOwnProfile(db: Db, viewer: Viewer): Promise<EmbedProfile | null> {
  return unlessUnknown(
    Promise.all([getLearnerStats(db, viewer.userId), getLearnerAchievements(db, viewer.userId)]).then(([stats, achievements]) => ({
      stats,
      achievements,
    })),
  );
}

/** The streak, today and this week's days (Monday to Sunday) in the learner's zone; null until any activity. */
export async function getOwnStreak(db: Db, viewer: Viewer, now = new Date()): Promise<EmbedStreak | null> {
  const streak = await unlessUnknown(getLearnerStreak(db, viewer.userId));
  if (!streak) return null;
  const today = dayInZone(now, streak.timezone);
  const monday = mondayOf(today);
  const [days, level] = await Promise.all([
    listActiveDays(db, viewer.userId, monday, addDays(monday, 6)),
    getLearnerLevel(db, viewer.userId),
  ]);
  const active = new Set(days);
  const week = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({ day, active: active.has(day) }));
  return { streak, today, week, level: level! };
}

/** Active days of one calendar month (`YYYY-MM`), for the streak calendar. */
export async function listOwnActiveDays(db: Db, viewer: Viewer, month: string): Promise<{ month: string; days: string[] }> {
  const first = `${month}-01`;
  const days = await unlessUnknown(listActiveDays(db, viewer.userId, first, addDays(addMonths(first, 1), -1)));
  return { month, days: days ?? [] };
}

function boardCourse(viewer: Viewer, scope: BoardScope): string | null {
  if (scope === "global") return null;
  if (!viewer.courseId) throw new AppError("BAD_REQUEST", "This view was not opened from a course.");
  return viewer.courseId;
}

/**
 * A board as the viewer may see it: other learners by display name or a neutral label, never their user id, and
 * as their visibility says (server/services/privacy/visibility.ts).
 */
async function shapeBoard(
  db: Db,
  page: BoardPage,
  viewer: Viewer,
  offset: number,
  me: { rank: number; points: number } | null,
): Promise<EmbedBoard> {
  const chosen = await visibilityOf(
    db,
    page.entries.map((e) => e.userId),
  );
  return {
    scope: page.scope,
    courseId: page.courseId,
    period: page.period,
    periodStart: page.periodStart,
    periodEnd: page.periodEnd,
    total: page.total,
    offset,
    entries: visibleEntries(page.entries, chosen, viewer.userId).map((e) => ({
      rank: e.rank,
      displayName: e.anonymous ? ANONYMOUS_LABEL : nameForOtherLearners(e, viewer.userId),
      points: e.points,
      isMe: e.userId === viewer.userId,
    })),
    me,
  };
}

type BoardChoice = { scope: BoardScope; period: BoardPage["period"] };

/** A page of the global board or the viewer's course board, with the viewer's own standing. */
export async function getOwnBoard(db: Db, viewer: Viewer, input: BoardChoice & { limit: number; offset: number }): Promise<EmbedBoard> {
  const ref = { courseId: boardCourse(viewer, input.scope), period: input.period };
  const [page, around] = await Promise.all([
    getLeaderboard(db, { ...ref, limit: input.limit, offset: input.offset }),
    unlessUnknown(getAroundLearner(db, { ...ref, userId: viewer.userId, radius: 0 })),
  ]);
  const me = around?.me ? { rank: around.me.rank, points: around.me.points } : null;
  return shapeBoard(db, page, viewer, input.offset, me);
}

/** The viewer and their neighbours on a board ("around me"); an empty board until they have points on it. */
export async function getOwnNeighbours(db: Db, viewer: Viewer, input: BoardChoice & { radius: number }): Promise<EmbedBoard> {
  const courseId = boardCourse(viewer, input.scope);
  const around = await unlessUnknown(getAroundLearner(db, { courseId, period: input.period, userId: viewer.userId, radius: input.radius }));
  if (!around) {
    const empty = await getLeaderboard(db, { courseId, period: input.period, limit: 1, offset: 0 });
    return shapeBoard(db, { ...empty, entries: [] }, viewer, 0, null);
  }
  const me = around.me ? { rank: around.me.rank, points: around.me.points } : null;
  // The position of the first row, so "previous / next" can page on from here.
  const offset = me ? Math.max(0, me.rank - 1 - around.entries.findIndex((e) => e.userId === viewer.userId)) : 0;
  return shapeBoard(db, around, viewer, offset, me);
}

/** "Why did I get these points": the viewer's ledger, newest first. */
export async function listOwnLedger(db: Db, viewer: Viewer, input: { limit: number; before?: string }): Promise<EmbedLedger> {
  const page = await unlessUnknown(listLedger(db, viewer.userId, input));
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
}

/** Who is looking (their display name: null without one), and what to announce to them. */
export async function getViewerInfo(db: Db, viewer: Viewer): Promise<EmbedViewerInfo> {
  const [learner, achievements, titles, config] = await Promise.all([
    unlessUnknown(findLearner(db, viewer.userId)),
    unlessUnknown(getLearnerAchievements(db, viewer.userId)),
    loadTitles(db, [{ courseId: viewer.courseId }]),
    cachedConfig(db),
  ]);
  return {
    displayName: learner?.displayName ?? null,
    courseId: viewer.courseId,
    courseTitle: viewer.courseId === null ? null : titles.courseTitle(viewer.courseId),
    unseen: achievements?.earned.filter((a) => !a.seen) ?? [],
    newLevel: learner ? unannouncedLevel(levelOf(config.levels, learner.points), learner.levelSeenPoints) : null,
  };
}
