import type { Metadata } from "next";
import { Clock } from "lucide-react";
import { formatDateTime } from "@/components/admin/format";
import { XapiMappingEditor } from "@/components/admin/xapi-mapping-editor";
import { XapiTabs } from "@/components/admin/xapi-tabs";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";
import { getOrgZone } from "../../org-zone";

export const metadata: Metadata = { title: "xAPI mapping" };

export default async function XapiMappingPage() {
  const caller = await getServerCaller();
  const [{ current, presets, history }, zone] = await Promise.all([caller.admin.xapi.mapping(), getOrgZone()]);
  const presetLabel = (key: string | null) => presets.find((p) => p.key === key)?.label;
  return (
    <>
      <PageHeader
        title="xAPI mapping"
        description="Which statements become which events: each rule names a verb, optionally an activity type (the object's definition.type), conditions on result.success and result.completion, and the event it becomes, or ignored."
      />
      <XapiTabs active="mapping" />
      <Notice icon={<Clock aria-hidden />}>
        <p>
          <span className="font-medium">A change is a new version and decides statements received after you save.</span> Statements already
          received keep what they became; the statement log shows which version and rule decided each one. Every change is in the audit log.
        </p>
        <p className="mt-1 text-xs text-muted-foreground">
          In force: version {current.version}
          {presetLabel(current.preset) ? ` (${presetLabel(current.preset)})` : ""} · saved {formatDateTime(current.createdAt, zone)} by{" "}
          {current.createdBy ?? "the installation"}. For a statement, the rule for its verb on the object&apos;s activity type wins, then
          the rule for its verb on a course, then the rule for its verb alone; a verb with no rule is ignored (unsupported-verb).
        </p>
      </Notice>
      <Card className="overflow-hidden">
        <XapiMappingEditor key={current.version} version={current.version} rules={current.rules} presets={presets} />
      </Card>
      <Card className="p-5">
        <h2 className="text-base font-semibold">Versions</h2>
        <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label="Mapping versions">
          {history.map((v) => (
            <li key={v.version}>
              <span className="font-medium">Version {v.version}</span>
              {presetLabel(v.preset) ? ` · ${presetLabel(v.preset)}` : ""} · {v.rules} rules · {formatDateTime(v.createdAt, zone)} ·{" "}
              {v.createdBy ?? "the installation"}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
