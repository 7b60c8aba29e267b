import type { Metadata } from "next";
import { EmbedShell } from "@/components/learner/embed-shell";
import { Leaderboard } from "@/components/learner/leaderboard";
import { startEmbedPage } from "../_lib/embed-page";
import { periodOf, type SearchParams } from "../_lib/params";

export const metadata: Metadata = { title: "Leaderboard" };

const PAGE_SIZE = 10;

export default async function EmbedLeaderboardPage({ searchParams }: { searchParams: SearchParams }) {
  const start = await startEmbedPage(searchParams);
  if (!start.ok) return start.denied;
  const { access, theme, nav, params } = start;
  // Opened from a course: that course's board first (the switch shows everyone's).
  const scope = access.viewer.courseId ? "course" : "global";
  const [board, viewer] = await Promise.all([
    access.caller.embed.leaderboard({ period: periodOf(params.period), scope, limit: PAGE_SIZE, offset: 0 }),
    access.caller.embed.viewer(),
  ]);
  return (
    <EmbedShell
      theme={theme}
      current="leaderboard"
      session={access.session}
      viewLink={access.viewLink}
      unseen={viewer.unseen}
      newLevel={viewer.newLevel}
      nav={nav}
    >
      <Leaderboard
        initial={board}
        viewerName={viewer.displayName ?? "You"}
        hasCourse={Boolean(access.viewer.courseId)}
        courseTitle={viewer.courseTitle}
        pageSize={PAGE_SIZE}
      />
    </EmbedShell>
  );
}
