import type { Db } from "@/server/db";
import { toAppError } from "@/server/errors";
import type { PeriodKind } from "@/server/lib/calendar";
import { listRecentPeriods, type BoardPeriodOption } from "./board-options";
import { searchBoard } from "./board-search";
import { loadTitles } from "./catalog-titles";
import { getAroundLearner, getLeaderboard, type BoardPage } from "./leaderboards";

// Which board the dashboard's Leaderboards page shows for what the admin picked: the period to show (the one
// asked for if it is among the recent ones offered, else the current one), then a page of the board, or the
// learner looked for and their neighbours, or, when no learner has that id, the learners on the board whose
// name or id holds the text, or when none does, the top of the board.

/** How many recent weeks and months the dashboard offers to pick from. */
const RECENT_PERIODS = { weekly: 26, monthly: 12 } as const;
/** Learners shown on each side of the one looked for. */
const AROUND_RADIUS = 10;
/** Learners shown at most for a search by name. */
const NAME_MATCHES = 50;

export interface BoardViewRequest {
  courseId: string | null;
  period: PeriodKind;
  /** The start of the week or month asked for. */
  at?: string;
  /** A user id to show with their neighbours instead of a page, or part of a name or id to search the board for. */
  learner?: string;
  /** 1-based page of `limit` learners (ignored with `learner`). */
  page: number;
  limit: number;
}

export interface BoardView {
  /** The weeks or months offered, newest first (none for all-time). */
  periods: BoardPeriodOption[];
  /** The period shown, when weekly or monthly. */
  selected: BoardPeriodOption | null;
  board: BoardPage;
  /** The title of the board's course (its id when none is known); null for the global board. */
  courseTitle: string | null;
  /** The learner looked for, when they are on this board. */
  me: string | null;
  /** Why the learner looked for is not shown: no learner has the id (nor a name holding it), or they have no points on this board. */
  learnerMissing: "unknown" | "unranked" | null;
  /** When the text named no user id: how many learners on the board matched it by name or part of their id (the entries). */
  nameMatches: number | null;
}

export async function getBoardView(db: Db, request: BoardViewRequest, now = new Date()): Promise<BoardView> {
  const [view, courseTitle] = await Promise.all([
    pickBoard(db, request, now),
    request.courseId === null ? null : loadTitles(db, [{ courseId: request.courseId }]).then((t) => t.course(request.courseId!)),
  ]);
  return { ...view, courseTitle };
}

async function pickBoard(db: Db, request: BoardViewRequest, now: Date): Promise<Omit<BoardView, "courseTitle">> {
  const { courseId, period, learner, limit } = request;
  const periods = period === "all-time" ? [] : await listRecentPeriods(db, period, RECENT_PERIODS[period], now);
  const selected = periods.find((p) => p.start === request.at) ?? periods[0] ?? null;
  const ref = { courseId, period, at: selected?.start };

  if (learner) {
    try {
      const around = await getAroundLearner(db, { ...ref, userId: learner, radius: AROUND_RADIUS }, now);
      const me = around.me?.userId ?? null;
      return { periods, selected, board: around, me, learnerMissing: around.me ? null : "unranked", nameMatches: null };
    } catch (error) {
      if (toAppError(error).code !== "NOT_FOUND") throw error;
      const [top, matches] = await Promise.all([
        getLeaderboard(db, { ...ref, limit, offset: 0 }, now),
        searchBoard(db, ref, learner, NAME_MATCHES, now),
      ]);
      if (matches.length === 0) return { periods, selected, board: top, me: null, learnerMissing: "unknown", nameMatches: null };
      return { periods, selected, board: { ...top, entries: matches }, me: null, learnerMissing: null, nameMatches: matches.length };
    }
  }
  const board = await getLeaderboard(db, { ...ref, limit, offset: (request.page - 1) * limit }, now);
  return { periods, selected, board, me: null, learnerMissing: null, nameMatches: null };
}
