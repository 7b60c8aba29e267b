import { Award, BookOpen, Flame, GraduationCap, Sparkles } from "lucide-react";
import { cx } from "@/components/ui/class-names";
import type { EmbedProfile } from "@/server/schemas/embed";
import { avatarColour, formatPoints, initials, plural } from "./format";

type Stats = EmbedProfile["stats"];

/** Who the learner is and how they stand: total points, ranks, completions, streak and badge count. */
export function ProfileSummary({ stats }: { stats: Stats }) {
  const ranks = [
    { label: "All time", rank: stats.rank.allTime, points: stats.points.allTime },
    { label: "Week", rank: stats.rank.weekly, points: stats.points.weekly },
    { label: "Month", rank: stats.rank.monthly, points: stats.points.monthly },
  ];
  return (
    <section aria-label="Your progress" className="flex flex-col gap-3">
      <div className="relative overflow-hidden rounded-2xl border border-border bg-card p-4 shadow-xs sm:p-5">
        <div aria-hidden className="pointer-events-none absolute inset-0 bg-linear-to-br from-accent/18 via-transparent to-amber-400/10" />
        <div className="relative flex items-center gap-3 sm:gap-4">
          <span
            aria-hidden
            className={cx(
              "inline-flex size-14 shrink-0 items-center justify-center rounded-2xl text-xl font-bold text-white shadow-md ring-4 ring-card sm:size-16",
              avatarColour(stats.displayName),
            )}
          >
            {initials(stats.displayName)}
          </span>
          <div className="min-w-0">
            <h1 className="truncate text-lg font-semibold tracking-tight sm:text-xl">{stats.displayName}</h1>
            <p className="flex items-baseline gap-1.5" data-testid="total-points">
              <Sparkles className="size-4 self-center text-amber-500" aria-hidden />
              <span className="text-2xl font-bold tabular-nums">{formatPoints(stats.points.allTime)}</span>
              <span className="text-sm text-muted-foreground">points</span>
            </p>
          </div>
        </div>
        <dl className="relative mt-4 grid grid-cols-3 gap-2">
          {ranks.map((r) => (
            <div key={r.label} className="rounded-xl bg-background/70 px-2 py-2 text-center ring-1 ring-border">
              <dt className="text-[0.7rem] font-medium tracking-wide text-muted-foreground uppercase">{r.label}</dt>
              <dd className="text-lg font-bold tabular-nums">{r.rank ? `#${formatPoints(r.rank)}` : "–"}</dd>
              <dd className="text-xs text-muted-foreground tabular-nums">{plural(r.points, "pt")}</dd>
            </div>
          ))}
        </dl>
      </div>

      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Tile
          icon={<BookOpen className="size-4" aria-hidden />}
          tone="text-sky-500"
          label="Lessons completed"
          value={stats.lessonsCompleted}
        />
        <Tile
          icon={<GraduationCap className="size-4" aria-hidden />}
          tone="text-indigo-500"
          label="Courses completed"
          value={stats.coursesCompleted}
        />
        <Tile
          icon={<Flame className="size-4" aria-hidden />}
          tone="text-orange-500"
          label="Day streak"
          value={stats.streak.current}
          note={stats.streak.activeToday ? "Active today" : undefined}
        />
        <Tile
          icon={<Award className="size-4" aria-hidden />}
          tone="text-amber-500"
          label="Badges earned"
          value={stats.achievementsEarned}
        />
      </dl>
    </section>
  );
}

function Tile({ icon, tone, label, value, note }: { icon: React.ReactNode; tone: string; label: string; value: number; note?: string }) {
  return (
    <div className="flex flex-col gap-0.5 rounded-xl border border-border bg-card px-3 py-2.5">
      <dt className="flex items-center gap-1.5 text-xs text-muted-foreground">
        <span className={tone}>{icon}</span>
        {label}
      </dt>
      <dd className="flex items-baseline gap-1.5">
        <span className="text-xl font-bold tabular-nums">{formatPoints(value)}</span>
        {note && <span className="text-xs font-medium text-success">{note}</span>}
      </dd>
    </div>
  );
}
