import type { Metadata } from "next";
import { Clock } from "lucide-react";
import { formatDateTime } from "@/components/admin/format";
import { OverridesManager, RulesForm, TimezoneForm } from "@/components/admin/rules-editor";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Point rules" };

export default async function RulesPage() {
  const caller = await getServerCaller();
  const [{ rules, overrides }, courses] = await Promise.all([caller.admin.rules.get(), caller.admin.leaderboards.courses({ limit: 500 })]);
  const { timezone, rulesVersion, updatedAt, ...values } = rules;
  return (
    <>
      <PageHeader
        title="Point rules"
        description="How many points each learning activity earns. Achievements carry their own points (see Achievements)."
      />
      <Notice icon={<Clock aria-hidden />}>
        <p>
          <span className="font-medium">Changes take effect for events received after you save.</span> Points already awarded are never
          recalculated. Every change is recorded in the audit log.
        </p>
        <p className="mt-1 text-xs text-muted-foreground">
          Rules version {rulesVersion} · last changed {formatDateTime(updatedAt, timezone)} ({timezone})
        </p>
      </Notice>
      <div className="grid gap-6 xl:grid-cols-2">
        {/* Keyed by the values, not the rules' version: saving starts the form again from what was saved, while an
            override added or removed meanwhile (a new version too) leaves an edit in progress alone. */}
        <RulesForm key={JSON.stringify(values)} rules={values} />
        <div className="flex flex-col gap-6">
          <TimezoneForm key={timezone} timezone={timezone} />
        </div>
      </div>
      <OverridesManager overrides={overrides} courses={courses} defaults={values} />
    </>
  );
}
