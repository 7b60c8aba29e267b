import { CircleCheck, Flame, Hourglass, Snowflake, Trophy } from "lucide-react";
import { cx } from "@/components/ui/class-names";
import type { EmbedStreak } from "@/server/schemas/embed";
import { formatCalendarDay, plural } from "./format";

type Streak = EmbedStreak["streak"];

/** The current streak, the longest, and whether today already counts. */
export function StreakSummary({ streak }: { streak: Streak }) {
  const { current, longest, activeToday, freezes } = streak;
  const lit = current > 0;
  return (
    <section aria-label="Your streak" className="relative overflow-hidden rounded-2xl border border-border bg-card p-4 shadow-xs sm:p-5">
      <div
        aria-hidden
        className={cx(
          "pointer-events-none absolute inset-0 bg-linear-to-br",
          lit ? "from-orange-500/18 via-amber-400/8 to-transparent" : "from-muted via-transparent to-transparent",
        )}
      />
      <div className="relative flex items-center gap-4">
        <span
          aria-hidden
          className={cx(
            "inline-flex size-16 shrink-0 items-center justify-center rounded-2xl shadow-md sm:size-20",
            lit ? "bg-linear-to-br from-amber-400 via-orange-500 to-red-500 text-white" : "bg-muted text-muted-foreground",
          )}
        >
          <Flame className={cx("size-9 sm:size-11", lit && "embed-flicker fill-amber-200/40")} strokeWidth={2} />
        </span>
        <div className="min-w-0">
          <p className="text-sm font-medium text-muted-foreground">Current streak</p>
          <p className="flex items-baseline gap-1.5" data-testid="current-streak">
            <span className="text-4xl font-bold tracking-tight tabular-nums">{current}</span>
            <span className="text-base font-medium text-muted-foreground">{current === 1 ? "day" : "days"}</span>
          </p>
          <p className="flex items-center gap-1 text-sm text-muted-foreground">
            <Trophy className="size-3.5 text-amber-500" aria-hidden />
            Longest: <span className="font-semibold text-foreground">{plural(longest, "day")}</span>
          </p>
          <p className="flex items-center gap-1 text-sm text-muted-foreground" data-testid="freezes-available">
            <Snowflake className="size-3.5 text-sky-500" aria-hidden />
            Freezes: <span className="font-semibold text-foreground">{freezes.available}</span>
            <span className="sr-only"> available (a freeze covers a missed day)</span>
          </p>
        </div>
      </div>
      <p
        className={cx(
          "relative mt-4 flex items-start gap-2 rounded-xl px-3 py-2 text-sm",
          activeToday ? "bg-emerald-500/12 text-success ring-1 ring-emerald-500/30" : "bg-amber-500/12 ring-1 ring-amber-500/30",
        )}
        data-testid="active-today"
      >
        {activeToday ? (
          <>
            <CircleCheck className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
            <span className="text-foreground">
              <strong className="font-semibold">Active today.</strong> Your streak is safe, see you tomorrow!
            </span>
          </>
        ) : (
          <>
            <Hourglass className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
            <span className="text-foreground">
              {current > 0 ? (
                <>
                  <strong className="font-semibold">Not active yet today.</strong> Complete a lesson to keep your {current}-day streak.
                </>
              ) : (
                <>
                  <strong className="font-semibold">Start a streak today:</strong> one lesson is all it takes.
                </>
              )}
            </span>
          </>
        )}
      </p>
    </section>
  );
}

/** Monday to Sunday of this week: which days were active, and which one is today. */
export function WeekStrip({ week, today }: { week: EmbedStreak["week"]; today: string }) {
  return (
    <section aria-labelledby="week-title" className="flex flex-col gap-2">
      <h2 id="week-title" className="font-semibold">
        This week
      </h2>
      <ol className="grid grid-cols-7 gap-1 rounded-2xl border border-border bg-card p-2 sm:gap-2 sm:p-3">
        {week.map(({ day, active }) => {
          const isToday = day === today;
          const future = day > today;
          const name = formatCalendarDay(day, { weekday: "long", month: "long", day: "numeric" });
          return (
            <li
              key={day}
              className="flex flex-col items-center gap-1"
              aria-label={`${name}: ${active ? "active" : future ? "to come" : "not active"}`}
            >
              <span aria-hidden className={cx("text-[0.7rem] font-medium", isToday ? "text-foreground" : "text-muted-foreground")}>
                {formatCalendarDay(day, { weekday: "narrow" })}
              </span>
              <span
                aria-hidden
                data-active={active || undefined}
                className={cx(
                  "inline-flex size-8 items-center justify-center rounded-full sm:size-10",
                  active ? "bg-linear-to-br from-amber-400 to-orange-500 text-white shadow-sm" : "bg-muted text-muted-foreground",
                  // Days to come: outlined, their numbers as readable as any (a faded number fell to 1.9:1).
                  future && !active && "bg-transparent ring-1 ring-border ring-inset",
                  isToday && "ring-2 ring-accent ring-offset-2 ring-offset-card",
                )}
              >
                {active ? <Flame className="size-4 sm:size-5" /> : <span className="text-xs tabular-nums">{Number(day.slice(8))}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
