import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { ACTION_LABELS, AuditDetails } from "@/components/admin/audit-details";
import { formatDateTime } from "@/components/admin/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { AUDIT_CATEGORY_VALUES } from "@/server/schemas/admin";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 50;
const CATEGORY_LABELS: Record<(typeof AUDIT_CATEGORY_VALUES)[number], string> = {
  rules: "Point rules",
  achievements: "Achievements",
  adjustments: "Adjustments",
  "api-keys": "API keys",
};
const toneOf = (action: string): BadgeTone =>
  action.startsWith("rules.") ? "accent" : action.startsWith("achievement.") ? "warning" : action.startsWith("points.") ? "success" : "neutral";

function targetLink(target: string | null) {
  if (!target) return null;
  const [kind, ...rest] = target.split(":");
  const id = rest.join(":");
  if (kind === "learner") return { href: `/admin/learners/${encodeURIComponent(id)}`, label: id };
  if (kind === "achievement") return { href: "/admin/achievements", label: id };
  if (kind === "course") return { href: "/admin/rules", label: `course ${id}` };
  if (kind === "apikey") return { href: "/admin/api-keys", label: id };
  if (kind === "rules") return { href: "/admin/rules", label: "organisation rules" };
  return { href: null, label: target };
}

type Search = { category?: string | string[]; before?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const category = (AUDIT_CATEGORY_VALUES as readonly string[]).includes(one(search.category))
    ? (one(search.category) as (typeof AUDIT_CATEGORY_VALUES)[number])
    : undefined;
  const before = /^\d+$/.test(one(search.before)) ? one(search.before) : undefined;
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
        description="Who changed what, and when: point rules, achievements, manual adjustments and API keys. Entries are never edited or removed."
      />
      <SegmentedLinks
        label="Filter"
        options={[
          { href: href(undefined), label: "Everything", active: !category },
          ...AUDIT_CATEGORY_VALUES.map((c) => ({ href: href(c), label: CATEGORY_LABELS[c], active: category === c })),
        ]}
      />
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState icon={<ScrollText />} title={before ? "No older entries" : "Nothing recorded yet"}>
            {before
              ? "This is the beginning of the log."
              : "Changes to rules, achievements, points and API keys will be listed here with who made them."}
          </EmptyState>
        ) : (
          <Table aria-label="Audit log">
            <THead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>What</Th>
                <Th>Details</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => {
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
              })}
            </TBody>
          </Table>
        )}
        {(before || nextBefore) && (
          <nav aria-label="Audit pages" className="flex justify-end gap-2 border-t border-border px-5 py-3">
            {before && (
              <Link href={href(category)} className={buttonClassName("secondary", "sm")}>
                Newest
              </Link>
            )}
            {nextBefore && (
              <Link href={href(category, nextBefore)} className={buttonClassName("secondary", "sm")}>
                Older entries
              </Link>
            )}
          </nav>
        )}
        <p className="border-t border-border px-5 py-2 text-xs text-muted-foreground">Times in the organisation&apos;s zone ({zone}).</p>
      </Card>
    </>
  );
}
