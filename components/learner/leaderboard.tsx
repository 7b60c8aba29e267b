"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Crosshair, ListOrdered, Trophy } from "lucide-react";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { cx } from "@/components/ui/class-names";
import type { BoardScope, EmbedBoard } from "@/server/schemas/embed";
import { formatPoints } from "./format";
import { LeaderboardList } from "./leaderboard-list";
import { SessionEnded } from "./session-ended";
import { Segmented } from "./segmented";

type Period = EmbedBoard["period"];
type Mode = "top" | "around";

const PAGE_SIZE = 10;
const AROUND_RADIUS = 3;

const PERIODS: { value: Period; label: string }[] = [
  { value: "all-time", label: "All time" },
  { value: "weekly", label: "This week" },
  { value: "monthly", label: "This month" },
];

/**
 * The embed's leaderboard: period tabs, the course switch (when the LMS opened the embed from a course), pages,
 * and "around me". The first board comes with the page; the rest is fetched as the learner asks.
 */
export function Leaderboard({
  initial,
  viewerName,
  hasCourse,
  courseTitle,
  pageSize = PAGE_SIZE,
}: {
  initial: EmbedBoard;
  viewerName: string;
  hasCourse: boolean;
  /** The course's title, when the catalogue knows one ("This course" otherwise). */
  courseTitle: string | null;
  pageSize?: number;
}) {
  const trpc = useTRPC();
  const listId = useId();
  const [period, setPeriod] = useState<Period>(initial.period);
  const [scope, setScope] = useState<BoardScope>(initial.scope);
  const [mode, setMode] = useState<Mode>("top");
  const [offset, setOffset] = useState(initial.offset);

  const isInitial = mode === "top" && period === initial.period && scope === initial.scope && offset === initial.offset;
  const topQuery = useQuery({
    ...trpc.embed.leaderboard.queryOptions({ period, scope, limit: pageSize, offset }),
    enabled: mode === "top",
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const aroundQuery = useQuery({
    ...trpc.embed.around.queryOptions({ period, scope, radius: AROUND_RADIUS }),
    enabled: mode === "around",
    placeholderData: keepPreviousData,
  });
  const query = mode === "top" ? topQuery : aroundQuery;
  const board = query.data ?? topQuery.data ?? initial;
  const busy = query.isFetching && (query.isPlaceholderData || !query.data);

  if (query.error?.data?.code === "UNAUTHORIZED") return <SessionEnded />;

  // Another period or board starts from its top (the learner may not be on it: "around me" would be empty).
  const choosePeriod = (p: Period) => {
    setPeriod(p);
    setOffset(0);
    setMode("top");
  };
  const chooseScope = (s: BoardScope) => {
    setScope(s);
    setOffset(0);
    setMode("top");
  };
  const first = board.entries.length > 0 ? board.offset + 1 : 0;
  const last = board.offset + board.entries.length;
  const pinned = board.me ? { rank: board.me.rank, displayName: viewerName, points: board.me.points, isMe: true } : null;
  const periodWord = period === "weekly" ? "this week" : period === "monthly" ? "this month" : "yet";

  return (
    <section aria-labelledby={`${listId}-title`} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 id={`${listId}-title`} className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <Trophy className="size-5 text-amber-500" aria-hidden />
          Leaderboard
        </h1>
        {hasCourse && (
          <Segmented
            label="Board"
            value={scope}
            onChange={chooseScope}
            options={[
              { value: "course", label: courseTitle ?? "This course" },
              { value: "global", label: "Everyone" },
            ]}
            size="sm"
          />
        )}
      </div>

      <Segmented label="Period" value={period} onChange={choosePeriod} options={PERIODS} stretch />

      <p className="text-sm text-muted-foreground" aria-live="polite">
        {board.me ? (
          <>
            You&apos;re <strong className="font-semibold text-foreground">#{formatPoints(board.me.rank)}</strong> of{" "}
            {formatPoints(board.total)} with <strong className="font-semibold text-foreground">{formatPoints(board.me.points)}</strong>{" "}
            points.
          </>
        ) : (
          <>You&apos;re not on this board {periodWord}: complete a lesson to join in!</>
        )}
      </p>

      <div id={listId} aria-busy={busy} className={cx("transition-opacity", busy && "opacity-60")}>
        {board.entries.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-border px-4 py-8 text-center">
            <Trophy className="size-8 text-muted-foreground" aria-hidden />
            <p className="font-medium">No points on this board {periodWord === "yet" ? "yet" : periodWord}.</p>
            <p className="text-sm text-muted-foreground">Be the first: every lesson counts.</p>
          </div>
        ) : (
          <LeaderboardList rows={board.entries} pinned={pinned} label={`Leaderboard, ${PERIODS.find((p) => p.value === period)?.label}`} />
        )}
      </div>

      {board.total > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          {mode === "top" ? (
            <div className="flex items-center gap-1">
              <PagerButton label="Previous page" disabled={offset === 0 || busy} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
                <ChevronLeft className="size-4" aria-hidden />
              </PagerButton>
              <span className="min-w-16 text-center text-muted-foreground tabular-nums">
                {formatPoints(first)}–{formatPoints(last)} of {formatPoints(board.total)}
              </span>
              <PagerButton label="Next page" disabled={last >= board.total || busy} onClick={() => setOffset(offset + pageSize)}>
                <ChevronRight className="size-4" aria-hidden />
              </PagerButton>
            </div>
          ) : (
            <span className="text-muted-foreground">You and your neighbours</span>
          )}
          {mode === "top" ? (
            <button
              type="button"
              onClick={() => setMode("around")}
              disabled={!board.me}
              className="inline-flex h-8 items-center gap-1.5 rounded-full border border-border bg-card px-3 font-medium hover:bg-muted disabled:opacity-50"
            >
              <Crosshair className="size-4 text-accent" aria-hidden />
              Around me
            </button>
          ) : (
            <button
              type="button"
              onClick={() => setMode("top")}
              className="inline-flex h-8 items-center gap-1.5 rounded-full border border-border bg-card px-3 font-medium hover:bg-muted"
            >
              <ListOrdered className="size-4 text-accent" aria-hidden />
              Top of the board
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function PagerButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="inline-flex size-8 items-center justify-center rounded-full border border-border bg-card hover:bg-muted disabled:opacity-40"
    >
      {children}
    </button>
  );
}
