import type { Metadata } from "next";
import { StreakProtectionManager } from "@/components/admin/streak-protection-manager";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Streak protection" };

export default async function StreakProtectionPage() {
  const caller = await getServerCaller();
  const { settings, pauses } = await caller.admin.streaks.get();
  return (
    <>
      <PageHeader
        title="Streak protection"
        description="Pauses and freezes keep a term break or a sick day from ending a learner's streak (see the user guide)."
      />
      <StreakProtectionManager key={JSON.stringify(settings)} settings={settings} pauses={pauses} />
    </>
  );
}
