import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { ACTION_LABELS, AuditDetails } from "@/components/admin/audit-details";
import { formatDateTime } from "@/components/admin/format";
import { ZoneNote } from "@/components/admin/zone-note";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { filterOptions, SegmentedLinks } from "@/components/ui/segmented";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { AUDIT_CATEGORY_VALUES } from "@/server/schemas/admin";
import { auditSearchSchema } from "@/server/schemas/dashboard-search";
import { parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 50;
const CATEGORY_LABELS: Record<(typeof AUDIT_CATEGORY_VALUES)[number], string> = {
  rules: "Point rules",
  achievements: "Achievements",
  adjustments: "Adjustments",
  "api-keys": "API keys",
  levels: "Levels",
  streaks: "Streaks",
  credentials: "Credentials",
  privacy: "Erasures",
};
const toneOf = (action: string): BadgeTone =>
  action.startsWith("rules.")
    ? "accent"
    : action.startsWith("achievement.")
      ? "warning"
      : action.startsWith("points.")
        ? "success"
        : "neutral";

function targetLink(target: string | null) {
  if (!target) return null;
  const [kind, ...rest] = target.split(":");
  const id = rest.join(":");
  if (kind === "learner") return { href: `/admin/learners/${encodeURIComponent(id)}`, label: id };
  if (kind === "achievement") return { href: "/admin/achievements", label: id };
  if (kind === "course") return { href: "/admin/rules", label: `course ${id}` };
  if (kind === "apikey") return { href: "/admin/api-keys", label: id };
  if (kind === "rules") return { href: "/admin/rules", label: "organisation rules" };
  if (kind === "levels") return { href: "/admin/levels", label: "levels" };
  return { href: null, label: target };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { category, before } = parseSearchParams(await searchParams, auditSearchSchema);
  const caller = await getServerCaller();
  const [{ rows, nextBefore }, zone] = await Promise.all([caller.admin.audit.list({ limit: PAGE, before, category }), getOrgZone()]);
  const href = (c: string | undefined, b?: string) => {
    const p = new URLSearchParams();
    if (c) p.set("category", c);
    if (b) p.set("before", b);
    const q = p.toString();
    return `/admin/audit${q ? `?${q}` : ""}`;
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, and when: point rules, achievements, manual adjustments, API keys, levels, streak protection, credentials and erasures. Entries are never edited or removed."
      />
      <SegmentedLinks label="Filter" options={filterOptions("Everything", AUDIT_CATEGORY_VALUES, CATEGORY_LABELS, category, href)} />
      <Card className="overflow-hidden">
        <DataTable
          label="Audit log"
          columns={["When", "Who", "What", "Details"]}
          rows={rows}
          empty={
            <EmptyState icon={<ScrollText />} title={before ? "No older entries" : "Nothing recorded yet"}>
              {before
                ? "This is the beginning of the log."
                : "Changes to rules, achievements, points and API keys will be listed here with who made them."}
            </EmptyState>
          }
        >
          {(r) => {
            const target = targetLink(r.target);
            return (
              <Tr key={r.id}>
                <Td className="align-top whitespace-nowrap text-muted-foreground">{formatDateTime(r.createdAt, zone)}</Td>
                <Td className="align-top">{r.actor}</Td>
                <Td className="align-top">
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone={toneOf(r.action)}>{ACTION_LABELS[r.action] ?? r.action}</Badge>
                    {target &&
                      (target.href ? (
                        <Link href={target.href} className="font-mono text-xs text-muted-foreground hover:text-accent hover:underline">
                          {target.label}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs text-muted-foreground">{target.label}</span>
                      ))}
                  </div>
                </Td>
                <Td className="align-top text-sm">
                  <AuditDetails action={r.action} details={r.details} />
                </Td>
              </Tr>
            );
          }}
        </DataTable>
        <CursorPager
          label="Audit pages"
          newest={before && href(category)}
          older={nextBefore && href(category, nextBefore)}
          olderLabel="Older entries"
        />
        <ZoneNote zone={zone} />
      </Card>
    </>
  );
}
