import { Flame, Trophy, UserRound } from "lucide-react";
import Link from "next/link";
import { cx } from "@/components/ui/class-names";
import type { EmbedPage, EmbedTheme } from "@/server/auth/embed-constants";
import type { EarnedBadge } from "@/server/schemas/embed";
import type { Level } from "@/server/schemas/levels";
import { AchievementAnnouncer } from "./achievement-announcer";
import { EmbedProviders } from "./embed-providers";

const PAGES: { page: EmbedPage; label: string; icon: typeof Trophy }[] = [
  { page: "leaderboard", label: "Leaderboard", icon: Trophy },
  { page: "profile", label: "Profile", icon: UserRound },
  { page: "streak", label: "Streak", icon: Flame },
];

/** The frame of every embed page: the theme, the tabs between pages, and achievement announcements. */
export function EmbedShell({
  theme,
  current,
  session,
  viewLink,
  unseen,
  newLevel = null,
  nav = true,
  children,
}: {
  theme: EmbedTheme | null;
  current: EmbedPage;
  session: string;
  /** The `?view=` link token the tabs carry (server/auth/embed-view-link.ts): no cookie needed to navigate. */
  viewLink: string;
  unseen: EarnedBadge[];
  /** A level reached and not announced yet (embed.viewer's newLevel). */
  newLevel?: Level | null;
  nav?: boolean;
  children: React.ReactNode;
}) {
  return (
    <EmbedFrame theme={theme}>
      <EmbedProviders session={session}>
        {nav && <EmbedNav current={current} theme={theme} viewLink={viewLink} />}
        <main className="mx-auto w-full max-w-2xl px-3 py-3 sm:px-5 sm:py-5">{children}</main>
        <AchievementAnnouncer unseen={unseen} newLevel={newLevel} />
      </EmbedProviders>
    </EmbedFrame>
  );
}

/** The themed wrapper alone (also used by the error page, which has no session). */
export function EmbedFrame({ theme, children }: { theme: EmbedTheme | null; children: React.ReactNode }) {
  return (
    <div data-theme={theme ?? undefined} className="embed-root min-h-dvh bg-background text-foreground">
      {children}
    </div>
  );
}

function EmbedNav({ current, theme, viewLink }: { current: EmbedPage; theme: EmbedTheme | null; viewLink: string }) {
  const query = new URLSearchParams({ view: viewLink, ...(theme ? { theme } : {}) }).toString();
  return (
    <nav aria-label="Views" className="sticky top-0 z-10 border-b border-border bg-background/85 backdrop-blur">
      <ul className="mx-auto flex w-full max-w-2xl gap-1 px-2 py-1.5 sm:px-4">
        {PAGES.map(({ page, label, icon: Icon }) => {
          const active = page === current;
          return (
            <li key={page} className="flex-1">
              <Link
                href={`/embed/${page}?${query}`}
                // Prefetching would render the other pages on every visit: not worth it inside an iframe.
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "flex h-9 items-center justify-center gap-1.5 rounded-full text-sm font-medium transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-accent",
                  active ? "bg-accent/12 text-accent" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
