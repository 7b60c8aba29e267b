// Formatting shared by the learner views. Everything is explicit about locale and zone, so the server's HTML
// and the browser's hydration agree, and a learner's dates are their own calendar days.

const LOCALE = "en-US";

export function formatPoints(points: number): string {
  return points.toLocaleString(LOCALE);
}

export function signedPoints(points: number): string {
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${formatPoints(Math.abs(points))}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatPoints(n)} ${n === 1 ? one : many}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, ...options });
    dayFormats.set(key, f);
  }
  return f;
}

/** "Nov 25, 2026": an instant's date in the learner's zone. */
export function formatDate(instant: string, zone: string): string {
  return dayFormat(zone, { month: "short", day: "numeric", year: "numeric" }).format(new Date(instant));
}

/** A calendar day (YYYY-MM-DD) as words: "Wednesday, November 25". */
export function formatCalendarDay(
  day: string,
  options: Intl.DateTimeFormatOptions = { weekday: "long", month: "long", day: "numeric" },
): string {
  return dayFormat("UTC", options).format(new Date(`${day}T00:00:00Z`));
}

/** "November 2026" for a month YYYY-MM. */
export function formatMonth(month: string): string {
  return dayFormat("UTC", { month: "long", year: "numeric" }).format(new Date(`${month}-01T00:00:00Z`));
}

export function addDaysTo(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonthsTo(month: string, months: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 7);
}

/** Up to two initials for an avatar: "Ada Lovelace" → "AL", "u-42" → "U4". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._@-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase();
}

const AVATAR_COLOURS = [
  // The 700 shades: white initials at 4.5:1 or more on each (amber-500 gave 2.13:1).
  "bg-indigo-700",
  "bg-sky-700",
  "bg-emerald-700",
  "bg-amber-700",
  "bg-rose-700",
  "bg-violet-700",
  "bg-teal-700",
  "bg-orange-700",
];

/** A stable colour per name, so a learner keeps their colour across views. */
export function avatarColour(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
}
