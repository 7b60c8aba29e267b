import type { Metadata } from "next";
import { AchievementsManager } from "@/components/admin/achievements-manager";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Achievements" };

export default async function AchievementsPage() {
  const achievements = await (await getServerCaller()).admin.achievements.list();
  return (
    <>
      <PageHeader
        title="Achievements"
        description="Badges learners earn for milestones. A new or re-activated achievement is awarded at once to everyone who already qualifies; deactivating one stops new awards, and learners keep what they earned."
      />
      <AchievementsManager
        achievements={achievements.map((a) => ({
          ...a,
          criterion: { ...a.criterion, withinHours: a.criterion.withinHours, period: a.criterion.period },
        }))}
      />
    </>
  );
}
