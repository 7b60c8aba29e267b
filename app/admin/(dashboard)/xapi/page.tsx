import type { Metadata } from "next";
import { FileJson } from "lucide-react";
import Link from "next/link";
import { formatNumber } from "@/components/admin/format";
import { XapiStatementsTable } from "@/components/admin/xapi-statements-table";
import { XapiTabs } from "@/components/admin/xapi-tabs";
import { ZoneNote } from "@/components/admin/zone-note";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Select } from "@/components/ui/select";
import { getServerCaller } from "@/server/api/server-caller";
import { xapiLogSearchSchema } from "@/server/schemas/dashboard-search";
import { XAPI_REASON_VALUES } from "@/server/schemas/xapi";
import { parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "xAPI log" };

const PAGE = 50;

export default async function XapiLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { status, reason, verb, learner, before } = parseSearchParams(await searchParams, xapiLogSearchSchema);
  const caller = await getServerCaller();
  const [{ rows, nextBefore }, counts, zone, mapping, retention] = await Promise.all([
    caller.admin.xapi.log({ limit: PAGE, before, status, reason: status === "applied" ? undefined : reason, verb, userId: learner }),
    caller.admin.xapi.counts(),
    getOrgZone(),
    caller.admin.xapi.mapping(),
    caller.admin.privacy.retention(),
  ]);
  const href = (changes: Partial<Record<"status" | "reason" | "before", string | undefined>>) => {
    const p = new URLSearchParams();
    const next = { status, reason, verb, learner, ...changes };
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    const q = p.toString();
    return `/admin/xapi${q ? `?${q}` : ""}`;
  };
  const filtered = Boolean(status || reason || verb || learner);

  return (
    <>
      <PageHeader
        title="xAPI log"
        description={`Every statement the LMS sent to /api/v1/xapi/statements, as sent, with the event it became or why it was ignored. ${formatNumber(counts.applied)} applied, ${formatNumber(counts.ignored)} ignored. Statements are kept ${formatNumber(retention.xapiRetentionDays)} days (XAPI_RETENTION_DAYS), then purged by the daily xAPI retention job; the events they became stay.`}
      />
      <XapiTabs active="log" />
      <Notice>
        <p>
          Point Moodle&apos;s logstore_xapi or Open edX at <code className="font-mono">/api/v1/xapi</code> with an API key as the password:
          see docs/xapi.md for the settings. New statements are decided by mapping version {mapping.current.version} (
          <Link href="/admin/xapi/mapping" className="font-medium text-accent hover:underline">
            see or change it
          </Link>
          ).
        </p>
      </Notice>
      <div className="flex flex-wrap items-end gap-4">
        <SegmentedLinks
          label="Status"
          options={[
            { href: href({ status: undefined, before: undefined }), label: "All", active: !status },
            { href: href({ status: "applied", reason: undefined, before: undefined }), label: "Applied", active: status === "applied" },
            { href: href({ status: "ignored", before: undefined }), label: "Ignored", active: status === "ignored" },
          ]}
        />
        <form method="get" action="/admin/xapi" className="flex flex-wrap items-end gap-3" aria-label="Filter statements">
          {status && <input type="hidden" name="status" value={status} />}
          <Field id="xapi-learner" label="Learner">
            <Input id="xapi-learner" name="learner" defaultValue={learner} placeholder="User id" className="w-44" />
          </Field>
          <Field id="xapi-verb" label="Verb IRI">
            <Input id="xapi-verb" name="verb" defaultValue={verb} placeholder="http://adlnet.gov/expapi/verbs/completed" className="w-80" />
          </Field>
          {status !== "applied" && (
            <Field id="xapi-reason" label="Ignored because">
              <Select id="xapi-reason" name="reason" defaultValue={reason ?? ""} className="w-48">
                <option value="">Any reason</option>
                {XAPI_REASON_VALUES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <button type="submit" className={buttonClassName("secondary")}>
            Filter
          </button>
          {filtered && (
            <Link href="/admin/xapi" className={buttonClassName("ghost")}>
              Clear
            </Link>
          )}
        </form>
      </div>
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState icon={<FileJson />} title={before ? "No older statements" : filtered ? "No statement matches" : "No statements yet"}>
            {before
              ? "This is the beginning of the log."
              : filtered
                ? "Change or clear the filters."
                : "Statements appear here as soon as the LMS sends them to /api/v1/xapi/statements."}
          </EmptyState>
        ) : (
          <XapiStatementsTable rows={rows} zone={zone} />
        )}
        <CursorPager
          label="Log pages"
          newest={before && href({ before: undefined })}
          older={nextBefore && href({ before: nextBefore })}
          olderLabel="Older statements"
        />
        <ZoneNote zone={zone} />
      </Card>
    </>
  );
}
