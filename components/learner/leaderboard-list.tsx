import { Crown } from "lucide-react";
import { cx } from "@/components/ui/class-names";
import { avatarColour, formatPoints, initials } from "./format";

export interface LeaderboardRow {
  rank: number;
  displayName: string;
  points: number;
  /** The row of the learner looking at the board: highlighted. */
  isMe: boolean;
}

const PODIUM: Record<number, string> = {
  1: "bg-linear-to-br from-yellow-300 to-amber-500 text-amber-950 ring-amber-300/60",
  2: "bg-linear-to-br from-zinc-200 to-zinc-400 text-zinc-800 ring-zinc-300/60",
  3: "bg-linear-to-br from-orange-300 to-amber-700 text-orange-950 ring-orange-300/60",
};

export function RankBadge({ rank }: { rank: number }) {
  const podium = PODIUM[rank];
  if (podium) {
    return (
      <span
        className={cx(
          "relative inline-flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-bold shadow-sm ring-2",
          podium,
        )}
      >
        {rank === 1 && <Crown aria-hidden className="absolute -top-2.5 size-3.5 fill-amber-400 text-amber-500" />}
        <span className="sr-only">Rank </span>
        {rank}
      </span>
    );
  }
  return (
    <span className="inline-flex h-8 min-w-8 shrink-0 items-center justify-center text-sm font-semibold text-muted-foreground tabular-nums">
      <span className="sr-only">Rank </span>
      {formatPoints(rank)}
    </span>
  );
}

export function Avatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cx(
        "inline-flex size-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold text-white",
        avatarColour(name),
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}

function Row({ row, pinned = false }: { row: LeaderboardRow; pinned?: boolean }) {
  return (
    <li
      data-me={row.isMe || undefined}
      aria-current={row.isMe ? "true" : undefined}
      className={cx(
        "flex items-center gap-2.5 rounded-xl px-2.5 py-2 sm:gap-3 sm:px-3",
        row.isMe ? "bg-accent/12 ring-1 ring-accent/45" : "odd:bg-muted/50",
        pinned && "shadow-sm",
      )}
    >
      <RankBadge rank={row.rank} />
      <Avatar name={row.displayName} className="max-[359px]:hidden" />
      <span className="flex min-w-0 flex-1 items-center gap-2">
        <span className={cx("truncate", row.isMe ? "font-semibold" : "font-medium")}>{row.displayName}</span>
        {row.isMe && (
          <span className="shrink-0 rounded-full bg-accent px-1.5 py-0.5 text-[0.65rem] font-bold tracking-wide text-accent-foreground uppercase">
            You
          </span>
        )}
      </span>
      <span className="shrink-0 text-right font-semibold tabular-nums">
        {formatPoints(row.points)}
        <span className="ml-1 text-xs font-normal text-muted-foreground">pts</span>
      </span>
    </li>
  );
}

/**
 * A board's rows, the viewer's highlighted. `pinned` is the viewer's own row when it is not on this page:
 * shown below, apart, so a learner always sees where they stand.
 */
export function LeaderboardList({
  rows,
  pinned,
  label = "Leaderboard",
}: {
  rows: LeaderboardRow[];
  pinned?: LeaderboardRow | null;
  label?: string;
}) {
  const showPinned = pinned && !rows.some((r) => r.isMe);
  return (
    <div className="flex flex-col gap-1">
      <ol aria-label={label} className="flex flex-col gap-1">
        {rows.map((row, i) => (
          <Row key={`${row.rank}-${i}-${row.displayName}`} row={row} />
        ))}
      </ol>
      {showPinned && (
        <>
          <div aria-hidden className="flex justify-center py-0.5 text-muted-foreground">
            <span className="tracking-[0.3em]">···</span>
          </div>
          <ol aria-label="Your position" className="flex flex-col">
            <Row row={pinned} pinned />
          </ol>
        </>
      )}
    </div>
  );
}
