import type { Metadata } from "next";
import { Gauge } from "lucide-react";
import { LevelsEditor } from "@/components/admin/levels-editor";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Levels" };

export default async function LevelsPage() {
  const caller = await getServerCaller();
  const bands = await caller.admin.levels.list();
  return (
    <>
      <PageHeader title="Levels" description="Bands of all-time points that give learners a level, a name and a next step to aim for." />
      <Notice icon={<Gauge aria-hidden />}>
        <p>
          <span className="font-medium">Saving re-levels every learner at once.</span> No points move: a level is read from the
          learner&apos;s points. Learners who reach a higher level by earning points are told once in their views, and a{" "}
          <code className="text-xs">level.reached</code> webhook is sent. Every change is recorded in the audit log.
        </p>
      </Notice>
      <LevelsEditor key={JSON.stringify(bands)} bands={bands} />
    </>
  );
}
