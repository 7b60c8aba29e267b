import type { Metadata } from "next";
import { Zap } from "lucide-react";
import { JobsPanel } from "@/components/admin/jobs-panel";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const caller = await getServerCaller();
  const [jobs, { viaInngest }, zone] = await Promise.all([
    caller.admin.jobs.list({ runsPerJob: 5 }),
    caller.admin.jobs.runner(),
    getOrgZone(),
  ]);
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work that keeps periods, streaks and boards in order. Each job is safe to run again and correctness never depends on it having run: “Run now” just does it sooner."
      />
      <Notice icon={<Zap aria-hidden />}>
        {viaInngest ? (
          <p>
            Scheduler: <span className="font-medium">Inngest</span>. Inngest runs each job on its schedule; “Run now” sends the job&apos;s
            event, Inngest runs it with retries, and the run appears below.
          </p>
        ) : (
          <p>
            Scheduler: <span className="font-medium">Built-in scheduler (no Inngest server configured)</span>. The app runs each job on its
            schedule, once however many instances serve it; “Run now” runs the job here, in the app, and waits for it.
          </p>
        )}
      </Notice>
      <JobsPanel jobs={jobs} zone={zone} viaInngest={viaInngest} />
    </>
  );
}
