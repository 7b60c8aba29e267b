import type { Metadata } from "next";
import { BadgeShelf, InProgressList } from "@/components/learner/badges";
import { EmbedShell } from "@/components/learner/embed-shell";
import { LevelProgress } from "@/components/learner/level-progress";
import { PointsHistory } from "@/components/learner/points-history";
import { ProfileSummary } from "@/components/learner/profile-summary";
import { Welcome } from "@/components/learner/welcome";
import { startEmbedPage } from "../_lib/embed-page";
import type { SearchParams } from "../_lib/params";

export const metadata: Metadata = { title: "Profile" };

const HISTORY_LINES = 10;

export default async function EmbedProfilePage({ searchParams }: { searchParams: SearchParams }) {
  const start = await startEmbedPage(searchParams);
  if (!start.ok) return start.denied;
  const { access, theme, nav } = start;
  const [profile, ledger, viewer] = await Promise.all([
    access.caller.embed.profile(),
    access.caller.embed.ledger({ limit: HISTORY_LINES }),
    access.caller.embed.viewer(),
  ]);
  const unseen = profile?.achievements.earned.filter((a) => !a.seen) ?? [];
  return (
    <EmbedShell
      theme={theme}
      current="profile"
      session={access.session}
      viewLink={access.viewLink}
      unseen={unseen}
      newLevel={viewer.newLevel}
      nav={nav}
    >
      {profile ? (
        <div className="flex flex-col gap-6">
          <ProfileSummary stats={profile.stats} />
          <LevelProgress level={profile.stats.level} />
          <BadgeShelf earned={profile.achievements.earned} timezone={profile.stats.timezone} />
          <InProgressList inProgress={profile.achievements.inProgress} />
          <PointsHistory initial={ledger} timezone={profile.stats.timezone} />
        </div>
      ) : (
        <Welcome />
      )}
    </EmbedShell>
  );
}
