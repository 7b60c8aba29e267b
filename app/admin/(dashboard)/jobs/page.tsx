import type { Metadata } from "next";
import { Zap } from "lucide-react";
import { JobsPanel } from "@/components/admin/jobs-panel";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";
import { inngestConfigured } from "@/server/jobs/client";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const caller = await getServerCaller();
  const [jobs, zone] = await Promise.all([caller.admin.jobs.list({ runsPerJob: 5 }), getOrgZone()]);
  const viaInngest = inngestConfigured();
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work that keeps periods, streaks and boards in order. Each job is safe to run again and correctness never depends on it having run: “Run now” just does it sooner."
      />
      <Notice icon={<Zap aria-hidden />}>
        {viaInngest ? (
          <p>
            <span className="font-medium">Inngest is configured.</span> “Run now” sends the job&apos;s event; Inngest runs it with retries, and the run appears
            below.
          </p>
        ) : (
          <p>
            <span className="font-medium">Inngest is not configured</span>, so “Run now” runs the job here, in the app, and waits for it. Schedules need
            an Inngest server (see the README).
          </p>
        )}
      </Notice>
      <JobsPanel jobs={jobs} zone={zone} viaInngest={viaInngest} />
    </>
  );
}
