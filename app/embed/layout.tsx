import type { Metadata } from "next";
import "./embed.css";

export const metadata: Metadata = {
  title: { default: "Your progress", template: "%s · Gamify" },
  // Personal pages opened with a token: never indexed, and no referrer leaks the token to other sites.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * Learner views for the LMS iframe; each page wraps itself in EmbedShell (theme, tabs, announcements).
 * Deliberately no loading.tsx here: it would stream the page behind a Suspense fallback, and without JavaScript
 * the learner would see the fallback. The pages render in one pass, so the first HTML holds the data.
 */
export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return children;
}
