import type { Metadata } from "next";
import { ActivityCalendar } from "@/components/learner/activity-calendar";
import { EmbedShell } from "@/components/learner/embed-shell";
import { LevelProgress } from "@/components/learner/level-progress";
import { StreakSummary, WeekStrip } from "@/components/learner/streak";
import { Welcome } from "@/components/learner/welcome";
import { startEmbedPage } from "../_lib/embed-page";
import type { SearchParams } from "../_lib/params";

export const metadata: Metadata = { title: "Streak" };

export default async function EmbedStreakPage({ searchParams }: { searchParams: SearchParams }) {
  const start = await startEmbedPage(searchParams);
  if (!start.ok) return start.denied;
  const { access, theme, nav } = start;
  const [streak, viewer] = await Promise.all([access.caller.embed.streak(), access.caller.embed.viewer()]);
  const month = streak ? await access.caller.embed.activeDays({ month: streak.today.slice(0, 7) }) : null;
  return (
    <EmbedShell
      theme={theme}
      current="streak"
      session={access.session}
      viewLink={access.viewLink}
      unseen={viewer.unseen}
      newLevel={viewer.newLevel}
      nav={nav}
    >
      {streak && month ? (
        <div className="flex flex-col gap-6">
          <StreakSummary streak={streak.streak} />
          <LevelProgress level={streak.level} />
          <WeekStrip week={streak.week} today={streak.today} />
          <ActivityCalendar initial={month} today={streak.today} frozenDays={streak.streak.freezes.usedOn} />
        </div>
      ) : (
        <Welcome />
      )}
    </EmbedShell>
  );
}
