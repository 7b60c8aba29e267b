"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CalendarDays, ChevronLeft, ChevronRight } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { cx } from "@/components/ui/class-names";
import { addDaysTo, addMonthsTo, formatCalendarDay, formatMonth } from "./format";

const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/** One month, Monday first, active days lit, frozen days (covered by a streak freeze) marked. Pure. */
export function MonthGrid({
  month,
  activeDays,
  today,
  frozenDays = [],
}: {
  month: string;
  activeDays: string[];
  today: string;
  frozenDays?: string[];
}) {
  const active = new Set(activeDays);
  const frozen = new Set(frozenDays);
  const first = `${month}-01`;
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // blanks before the 1st (Monday = 0)
  const length = Number(addDaysTo(`${addMonthsTo(month, 1)}-01`, -1).slice(8));
  const cells: (string | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length }, (_, i) => addDaysTo(first, i))];
  return (
    <div role="table" aria-label={`Active days in ${formatMonth(month)}`} className="mx-auto flex w-full max-w-sm flex-col gap-1">
      <div role="row" className="grid grid-cols-7 gap-1">
        {WEEKDAYS.map((d) => (
          <span key={d} role="columnheader" className="text-center text-[0.7rem] font-medium text-muted-foreground">
            {d}
          </span>
        ))}
      </div>
      {Array.from({ length: Math.ceil(cells.length / 7) }, (_, week) => (
        <div role="row" key={week} className="grid grid-cols-7 gap-1">
          {cells.slice(week * 7, week * 7 + 7).map((day, i) =>
            day ? (
              <span
                role="cell"
                key={day}
                data-active={active.has(day) || undefined}
                data-frozen={frozen.has(day) || undefined}
                aria-label={`${formatCalendarDay(day, { month: "long", day: "numeric" })}${active.has(day) ? ", active" : ""}${frozen.has(day) ? ", frozen" : ""}${day === today ? ", today" : ""}`}
                className={cx(
                  "flex aspect-square items-center justify-center rounded-lg text-xs tabular-nums",
                  active.has(day)
                    ? "bg-linear-to-br from-amber-400 to-orange-500 font-semibold text-amber-950"
                    : frozen.has(day)
                      ? "bg-sky-500/20 font-semibold text-sky-900 ring-1 ring-sky-500/50 ring-inset dark:text-sky-100"
                      : "bg-muted/60 text-muted-foreground",
                  // Days to come: outlined, their numbers as readable as any (a faded number fell to 1.9:1).
                  day > today && "bg-transparent ring-1 ring-border ring-inset",
                  day === today && "ring-2 ring-accent",
                )}
              >
                {Number(day.slice(8))}
              </span>
            ) : (
              <span role="cell" key={`blank-${i}`} aria-hidden />
            ),
          )}
        </div>
      ))}
    </div>
  );
}

/** The embed's calendar of active days, month by month. */
export function ActivityCalendar({
  initial,
  today,
  frozenDays = [],
}: {
  initial: { month: string; days: string[] };
  today: string;
  frozenDays?: string[];
}) {
  const trpc = useTRPC();
  const [month, setMonth] = useState(initial.month);
  const query = useQuery({
    ...trpc.embed.activeDays.queryOptions({ month }),
    initialData: month === initial.month ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const thisMonth = today.slice(0, 7);
  const days = query.data?.days ?? [];
  const count = query.data?.month === month ? days.length : null;
  return (
    <section aria-labelledby="calendar-title" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="calendar-title" className="flex items-center gap-2 font-semibold whitespace-nowrap">
          <CalendarDays className="size-4 text-accent" aria-hidden />
          Active days
        </h2>
        <div className="flex items-center gap-1">
          <button
            type="button"
            aria-label="Previous month"
            onClick={() => setMonth(addMonthsTo(month, -1))}
            className="inline-flex size-7 items-center justify-center rounded-full border border-border bg-card hover:bg-muted"
          >
            <ChevronLeft className="size-4" aria-hidden />
          </button>
          <span className="min-w-24 text-center text-sm font-medium whitespace-nowrap" aria-live="polite">
            {formatMonth(month)}
          </span>
          <button
            type="button"
            aria-label="Next month"
            disabled={month >= thisMonth}
            onClick={() => setMonth(addMonthsTo(month, 1))}
            className="inline-flex size-7 items-center justify-center rounded-full border border-border bg-card hover:bg-muted disabled:opacity-40"
          >
            <ChevronRight className="size-4" aria-hidden />
          </button>
        </div>
      </div>
      <div className={cx("rounded-2xl border border-border bg-card p-3 transition-opacity", query.isPlaceholderData && "opacity-60")}>
        <MonthGrid month={month} activeDays={days} today={today} frozenDays={frozenDays} />
        <p className="mt-2 text-center text-xs text-muted-foreground">
          {count === null
            ? "Loading…"
            : count === 0
              ? "No active days this month."
              : `${count} active ${count === 1 ? "day" : "days"} this month`}
        </p>
      </div>
    </section>
  );
}
