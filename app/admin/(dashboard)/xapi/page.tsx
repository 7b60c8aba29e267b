import type { Metadata } from "next";
import { FileJson } from "lucide-react";
import Link from "next/link";
import { formatNumber } from "@/components/admin/format";
import { XapiStatementsTable } from "@/components/admin/xapi-statements-table";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Select } from "@/components/ui/select";
import { getServerCaller } from "@/server/api/server-caller";
import { XAPI_REASON_VALUES, XAPI_STATUS_VALUES, type XapiReason } from "@/server/schemas/xapi";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "xAPI log" };

const PAGE = 50;
type Search = Record<"status" | "reason" | "verb" | "learner" | "before", string | string[] | undefined>;
const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim();

export default async function XapiLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const status = (XAPI_STATUS_VALUES as readonly string[]).includes(one(search.status)) ? (one(search.status) as (typeof XAPI_STATUS_VALUES)[number]) : undefined;
  const reason = (XAPI_REASON_VALUES as readonly string[]).includes(one(search.reason)) ? (one(search.reason) as XapiReason) : undefined;
  const verb = one(search.verb).slice(0, 500) || undefined;
  const learner = one(search.learner).slice(0, 128) || undefined;
  const before = /^\d+$/.test(one(search.before)) ? one(search.before) : undefined;
  const caller = await getServerCaller();
  const [{ rows, nextBefore }, counts, zone] = await Promise.all([
    caller.admin.xapi.log({ limit: PAGE, before, status, reason: status === "applied" ? undefined : reason, verb, userId: learner }),
    caller.admin.xapi.counts(),
    getOrgZone(),
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
        description={`Every statement the LMS sent to /api/v1/xapi/statements, as sent, with the event it became or why it was ignored. ${formatNumber(counts.applied)} applied, ${formatNumber(counts.ignored)} ignored.`}
      />
      <Notice>
        <p>
          Point Moodle&apos;s logstore_xapi or Open edX at <code className="font-mono">/api/v1/xapi</code> with an API key as the password: see docs/xapi.md for the
          settings and for how each verb is mapped.
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
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="xapi-learner">Learner</Label>
            <Input id="xapi-learner" name="learner" defaultValue={learner} placeholder="User id" className="w-44" />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="xapi-verb">Verb IRI</Label>
            <Input id="xapi-verb" name="verb" defaultValue={verb} placeholder="http://adlnet.gov/expapi/verbs/completed" className="w-80" />
          </div>
          {status !== "applied" && (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="xapi-reason">Ignored because</Label>
              <Select id="xapi-reason" name="reason" defaultValue={reason ?? ""} className="w-48">
                <option value="">Any reason</option>
                {XAPI_REASON_VALUES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </div>
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
        {(before || nextBefore) && (
          <nav aria-label="Log pages" className="flex justify-end gap-2 border-t border-border px-5 py-3">
            {before && (
              <Link href={href({ before: undefined })} className={buttonClassName("secondary", "sm")}>
                Newest
              </Link>
            )}
            {nextBefore && (
              <Link href={href({ before: nextBefore })} className={buttonClassName("secondary", "sm")}>
                Older statements
              </Link>
            )}
          </nav>
        )}
        <p className="border-t border-border px-5 py-2 text-xs text-muted-foreground">Times in the organisation&apos;s zone ({zone}).</p>
      </Card>
    </>
  );
}
