import { EMBED_THEMES, type EmbedTheme } from "@/server/auth/embed-constants";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** ?theme=light|dark forces a theme; anything else follows the learner's system. */
export function themeOf(v: string | string[] | undefined): EmbedTheme | null {
  const value = one(v);
  return EMBED_THEMES.find((t) => t === value) ?? null;
}

/** ?nav=0 hides the tabs between the embed pages, for an LMS that shows a single view. */
export function navOf(v: string | string[] | undefined): boolean {
  return one(v) !== "0";
}

const PERIODS = ["all-time", "weekly", "monthly"] as const;
export function periodOf(v: string | string[] | undefined): (typeof PERIODS)[number] {
  const value = one(v);
  return PERIODS.find((p) => p === value) ?? "all-time";
}
