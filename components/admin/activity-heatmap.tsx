import { cx } from "@/components/ui/class-names";
import { addDays, mondayOf } from "@/server/lib/calendar";
import { formatDay } from "./format";

const WEEKDAYS = ["Mon", "", "Wed", "", "Fri", "", ""];

/**
 * A calendar heat-map of active days: one column per week (Monday first), one cell per day, filled when
 * the learner was active. Days are the learner's own calendar days.
 */
export function ActivityHeatmap({ activeDays, today, weeks = 26 }: { activeDays: string[]; today: string; weeks?: number }) {
  const active = new Set(activeDays);
  const start = addDays(mondayOf(today), -7 * (weeks - 1));
  const columns = Array.from({ length: weeks }, (_, w) => Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d)));
  const inStreak = (day: string) => active.has(day) && (active.has(addDays(day, -1)) || active.has(addDays(day, 1)));
  const count = columns.flat().filter((d) => active.has(d)).length;

  return (
    <figure className="flex flex-col gap-3">
      <div className="flex gap-[3px] overflow-x-auto pb-1" role="img" aria-label={`${count} active days in the last ${weeks} weeks`}>
        <div className="flex flex-col gap-[3px] pt-[19px] pr-1.5 text-[10px] text-muted-foreground">
          {WEEKDAYS.map((d, i) => (
            <span key={i} className="h-[13px] leading-[13px]">
              {d}
            </span>
          ))}
        </div>
        {columns.map((days, w) => {
          const firstOfMonth = days.find((d) => d.endsWith("-01"));
          return (
            <div key={w} className="flex flex-col gap-[3px]">
              <span className="h-4 text-[10px] whitespace-nowrap text-muted-foreground">
                {firstOfMonth || w === 0 ? formatDay(firstOfMonth ?? days[0]!, { year: false }).split(" ")[0] : ""}
              </span>
              {days.map((day) => {
                const future = day > today;
                return (
                  <span
                    key={day}
                    title={future ? undefined : `${formatDay(day, { weekday: true })}: ${active.has(day) ? "active" : "no activity"}`}
                    data-active={active.has(day) || undefined}
                    className={cx(
                      "size-[13px] rounded-[3px]",
                      future
                        ? "bg-transparent"
                        : active.has(day)
                          ? inStreak(day)
                            ? "bg-accent"
                            : "bg-accent/50"
                          : "bg-muted ring-1 ring-border/60 ring-inset",
                      day === today && "outline-1 outline-offset-1 outline-foreground/40",
                    )}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
      <figcaption className="flex flex-wrap items-center gap-4 text-xs text-muted-foreground">
        <span>
          {count} active {count === 1 ? "day" : "days"} in the last {weeks} weeks
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-[3px] bg-muted ring-1 ring-border/60 ring-inset" /> No activity
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-[3px] bg-accent/50" /> Active
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-[3px] bg-accent" /> Part of a streak
        </span>
      </figcaption>
    </figure>
  );
}
