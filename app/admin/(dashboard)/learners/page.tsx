import type { Metadata } from "next";
import { Search, Users } from "lucide-react";
import Link from "next/link";
import { formatDay, formatNumber } from "@/components/admin/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Learners" };

export default async function LearnersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q;
  const q = ((Array.isArray(raw) ? raw[0] : raw) ?? "").trim().slice(0, 128);
  const hits = await (await getServerCaller()).admin.learners.search({ query: q, limit: 50 });

  return (
    <>
      <PageHeader title="Learners" description="Find a learner by their LMS user id (or its beginning) or by name, and open their page." />

      {/* A plain GET form: the search is a URL, so it works before any script loads and can be shared. */}
      <form action="/admin/learners" role="search" className="flex max-w-xl items-end gap-2">
        <div className="flex flex-1 flex-col gap-1.5">
          <label htmlFor="learner-search" className="text-sm font-medium">
            Search learners
          </label>
          <Input id="learner-search" name="q" type="search" defaultValue={q} placeholder="User id or name" autoComplete="off" />
        </div>
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
        {hits.length === 0 ? (
          <EmptyState icon={<Users />} title={q ? "No learner matches" : "No learners yet"}>
            {q
              ? "Search by the exact user id your LMS sends, its first characters, or part of the learner's name."
              : "Learners appear when your LMS sends their first event."}
          </EmptyState>
        ) : (
          <Table aria-label="Learners">
            <THead>
              <tr>
                <Th>Learner</Th>
                <Th className="text-right">Points</Th>
                <Th>Last active</Th>
              </tr>
            </THead>
            <TBody>
              {hits.map((h) => (
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
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
