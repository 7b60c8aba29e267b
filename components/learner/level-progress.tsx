import { Gauge } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { Level } from "@/server/schemas/levels";
import { formatPoints } from "./format";

/** The learner's level as a badge: its number and name. */
export function LevelBadge({ level }: { level: Level }) {
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-accent/12 px-2.5 py-0.5 text-xs font-semibold text-accent ring-1 ring-accent/25"
      data-testid="level-badge"
    >
      <Gauge className="size-3.5" aria-hidden />
      Level {level.number} · {level.name}
    </span>
  );
}

/** The level badge with a bar for the way to the next level (or a note that this is the top one). */
export function LevelProgress({ level }: { level: Level }) {
  const span = level.nextAt === null ? 0 : level.nextAt - level.currentAt;
  const done = level.points - level.currentAt;
  const percent = span === 0 ? 100 : Math.min(100, Math.max(2, Math.round((done / span) * 100)));
  return (
    <section aria-label="Your level" className="flex flex-col gap-2 rounded-2xl border border-border bg-card px-4 py-3 shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LevelBadge level={level} />
        <p className="text-xs text-muted-foreground tabular-nums" data-testid="level-next">
          {level.nextAt === null ? "Top level reached" : `${formatPoints(level.nextAt - level.points)} points to level ${level.number + 1}`}
        </p>
      </div>
      <ProgressBar
        label={level.nextAt === null ? `Level ${level.number}: top level` : `Level ${level.number}: progress to level ${level.number + 1}`}
        value={span === 0 ? 1 : done}
        max={span === 0 ? 1 : span}
        percent={percent}
        className="h-2.5"
        fillClassName="bg-accent"
      />
    </section>
  );
}
