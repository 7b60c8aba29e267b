import { declarationOf, type CriterionLike } from "@/server/lib/achievement-kinds";

// Formatting shared by the dashboard's pages: numbers, instants (in the organisation's zone, so every
// admin reads the same day), durations and criteria as sentences.

const numberFormat = new Intl.NumberFormat("en");

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatSigned(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

export function formatDateTime(value: Date | string, zone: string): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat("en", {
    timeZone: zone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
}

/** A calendar day "YYYY-MM-DD" as "Nov 25, 2026" (or without the year). */
export function formatDay(day: string, options: { year?: boolean; weekday?: boolean } = {}): string {
  return new Intl.DateTimeFormat("en", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    ...(options.year === false ? {} : { year: "numeric" }),
    ...(options.weekday ? { weekday: "short" } : {}),
  }).format(new Date(`${day}T00:00:00Z`));
}

export function formatMonth(day: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(`${day}T00:00:00Z`));
}

export function formatRelative(value: Date | string, now: Date = new Date()): string {
  const d = typeof value === "string" ? new Date(value) : value;
  const seconds = Math.round((d.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), "day");
  return rtf.format(Math.round(seconds / (30 * 86_400)), "month");
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A size in bytes as a short figure: "12.3 MB" (powers of 1024, as PostgreSQL's pg_size_pretty). */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A criterion as a sentence an admin reads: "Complete 10 lessons" (each kind's own, server/lib/achievement-kinds.ts). */
export function describeCriterion(c: CriterionLike): string {
  return declarationOf(c.kind)?.describe(c) ?? c.kind;
}
