import { TZDate } from "@date-fns/tz";

// The one place where instants become calendar days and periods in a named zone.
// Days are "YYYY-MM-DD" strings; day arithmetic is done on UTC dates, where every day has 24 hours.

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(zone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    dayFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of an instant in a zone. */
export function dayInZone(instant: Date, zone: string): string {
  // The default zone, and the commonest: no need for Intl (which costs microseconds per call on hot paths).
  if (zone === "UTC") return instant.toISOString().slice(0, 10);
  const parts = dayFormatter(zone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Monday on or before a day. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function firstOfMonth(day: string): string {
  return `${day.slice(0, 8)}01`;
}

export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The instant a calendar day starts in a zone (the first existing moment, if a DST gap swallows midnight). */
export function startOfDayInZone(day: string, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, zone).getTime());
}

export type PeriodKind = "all-time" | "weekly" | "monthly";

/** Board rows key the all-time board by this date. */
export const ALL_TIME_START = "1970-01-01";

/** The local date a period starts on, for the period containing a calendar day. */
export function periodStartOf(period: PeriodKind, day: string): string {
  if (period === "weekly") return mondayOf(day);
  if (period === "monthly") return firstOfMonth(day);
  return ALL_TIME_START;
}

export function periodEndOf(period: "weekly" | "monthly", start: string): string {
  return period === "weekly" ? addDays(start, 7) : addMonths(start, 1);
}

/** Instant bounds of a week or month that starts on `start`, in the organisation's zone. */
export function periodBounds(period: "weekly" | "monthly", start: string, zone: string): { start: Date; end: Date } {
  return { start: startOfDayInZone(start, zone), end: startOfDayInZone(periodEndOf(period, start), zone) };
}
