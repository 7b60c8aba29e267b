import type { Metadata } from "next";
import { Search, Users } from "lucide-react";
import Link from "next/link";
import { CsvExportButton } from "@/components/admin/csv-export-button";
import { formatDay, formatNumber } from "@/components/admin/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { learnerListSearchSchema } from "@/server/schemas/dashboard-search";
import { defaultDirection, type LearnerSort, type SortDirection } from "@/server/schemas/learner-list";
import { parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";

export const metadata: Metadata = { title: "Learners" };

const PAGE_SIZE = 25;
const SORT_LABELS: Record<LearnerSort, string> = { points: "Points", name: "Name", activity: "Last active" };
const DIRECTION_LABELS: Record<LearnerSort, Record<SortDirection, string>> = {
  points: { desc: "Most first", asc: "Fewest first" },
  name: { asc: "A to Z", desc: "Z to A" },
  activity: { desc: "Most recent first", asc: "Longest ago first" },
};

export default async function LearnersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { q, sort, dir, after, before } = parseSearchParams(await searchParams, learnerListSearchSchema);
  const direction = dir ?? defaultDirection[sort];
  const caller = await getServerCaller();
  const list = await caller.admin.learners.list({ query: q, sort, direction, after, before, limit: PAGE_SIZE });
  const hits = list.learners;
  const levels = new Map((await caller.admin.levels.ofLearners({ userIds: hits.map((h) => h.userId) })).map((l) => [l.userId, l]));
  /** This list's URL with other choices; a new search or sort starts again at the first page. */
  const href = (changes: { sort?: LearnerSort; dir?: SortDirection; after?: string; before?: string }) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    const s = changes.sort ?? sort;
    next.set("sort", s);
    next.set("dir", changes.dir ?? (changes.sort ? defaultDirection[s] : direction));
    if (changes.after) next.set("after", changes.after);
    if (changes.before) next.set("before", changes.before);
    return `/admin/learners?${next.toString()}`;
  };
  const exportQuery = new URLSearchParams({ q, sort, dir: direction }).toString();

  return (
    <>
      <PageHeader
        title="Learners"
        description="Every learner, a page at a time: sort them, find one by part of their name or LMS user id, and open their page."
      />

      {/* A plain GET form: the search is a URL, so it works before any script loads and can be shared. */}
      <form action="/admin/learners" role="search" className="flex max-w-xl items-end gap-2">
        <Field id="learner-search" label="Search learners" className="flex-1">
          <Input id="learner-search" name="q" type="search" defaultValue={q} placeholder="User id or name" autoComplete="off" />
        </Field>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={direction} />
        <Button type="submit">
          <Search className="size-4" aria-hidden />
          Search
        </Button>
      </form>

      <div className="flex flex-wrap items-center gap-3">
        <SegmentedLinks
          label="Sort by"
          options={(["activity", "points", "name"] as const).map((s) => ({
            href: href({ sort: s }),
            label: SORT_LABELS[s],
            active: s === sort,
          }))}
        />
        <SegmentedLinks
          label="Order"
          options={(Object.keys(DIRECTION_LABELS[sort]) as SortDirection[]).map((d) => ({
            href: href({ dir: d }),
            label: DIRECTION_LABELS[sort][d],
            active: d === direction,
          }))}
        />
        <div className="ml-auto">
          <CsvExportButton href={`/api/admin/export/learners?${exportQuery}`} label="Export list as CSV" />
        </div>
      </div>

      <Card className="overflow-hidden">
        <div className="border-b border-border px-5 py-3 text-sm text-muted-foreground" data-testid="learner-count">
          {q ? (
            <>
              {formatNumber(list.total)} {list.total === 1 ? "match" : "matches"} for “<span className="text-foreground">{q}</span>”
            </>
          ) : (
            <>
              {formatNumber(list.total)} {list.total === 1 ? "learner" : "learners"}
            </>
          )}
          {" · "}sorted by {SORT_LABELS[sort].toLowerCase()}, {DIRECTION_LABELS[sort][direction].toLowerCase()}
        </div>
        <DataTable
          label="Learners"
          columns={["Learner", { label: "Points", className: "text-right" }, "Level", "Last active"]}
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
              <Td>{levels.has(h.userId) ? `${levels.get(h.userId)!.number} · ${levels.get(h.userId)!.name}` : "–"}</Td>
              <Td className="text-muted-foreground">{h.lastActiveDate ? formatDay(h.lastActiveDate) : "Never"}</Td>
            </Tr>
          )}
        </DataTable>
        <CursorPager
          label="Pages of learners"
          newest={list.previous ? href({}) : null}
          newestLabel="First page"
          previous={list.previous ? href({ before: list.previous }) : null}
          older={list.next ? href({ after: list.next }) : null}
          olderLabel="Next"
        />
      </Card>
    </>
  );
}
