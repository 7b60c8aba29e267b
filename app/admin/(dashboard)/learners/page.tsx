import type { Metadata } from "next";
import { Search, Users } from "lucide-react";
import Link from "next/link";
import { formatDay, formatNumber } from "@/components/admin/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { learnerSearchSearchSchema } from "@/server/schemas/dashboard-search";
import { parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";

export const metadata: Metadata = { title: "Learners" };

export default async function LearnersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { q } = parseSearchParams(await searchParams, learnerSearchSearchSchema);
  const hits = await (await getServerCaller()).admin.learners.search({ query: q, limit: 50 });

  return (
    <>
      <PageHeader title="Learners" description="Find a learner by their LMS user id (or its beginning) or by name, and open their page." />

      {/* A plain GET form: the search is a URL, so it works before any script loads and can be shared. */}
      <form action="/admin/learners" role="search" className="flex max-w-xl items-end gap-2">
        <Field id="learner-search" label="Search learners" className="flex-1">
          <Input id="learner-search" name="q" type="search" defaultValue={q} placeholder="User id or name" autoComplete="off" />
        </Field>
        <Button type="submit">
          <Search className="size-4" aria-hidden />
          Search
        </Button>
      </form>

      <Card className="overflow-hidden">
        <div className="border-b border-border px-5 py-3 text-sm text-muted-foreground">
          {q ? (
            <>
              {formatNumber(hits.length)} {hits.length === 1 ? "match" : "matches"} for “<span className="text-foreground">{q}</span>”
              {hits.length === 50 && " (the first 50: refine the search to narrow them)"}
            </>
          ) : (
            "The newest learners"
          )}
        </div>
        <DataTable
          label="Learners"
          columns={["Learner", { label: "Points", className: "text-right" }, "Last active"]}
          rows={hits}
          empty={
            <EmptyState icon={<Users />} title={q ? "No learner matches" : "No learners yet"}>
              {q
                ? "Search by the exact user id your LMS sends, its first characters, or part of the learner's name."
                : "Learners appear when your LMS sends their first event."}
            </EmptyState>
          }
        >
          {(h) => (
            <Tr key={h.userId}>
              <Td>
                <Link href={`/admin/learners/${encodeURIComponent(h.userId)}`} className="group flex flex-col">
                  <span className="font-medium group-hover:text-accent group-hover:underline">{h.displayName ?? h.userId}</span>
                  <span className="font-mono text-xs text-muted-foreground">{h.userId}</span>
                </Link>
              </Td>
              <Td className="text-right tabular-nums">{formatNumber(h.points)}</Td>
              <Td className="text-muted-foreground">{h.lastActiveDate ? formatDay(h.lastActiveDate) : "Never"}</Td>
            </Tr>
          )}
        </DataTable>
      </Card>
    </>
  );
}
