import type { Metadata } from "next";
import { ChevronLeft, ChevronRight, Lock, Trophy } from "lucide-react";
import Link from "next/link";
import { BoardFilters } from "@/components/admin/board-filters";
import { CsvExportButton } from "@/components/admin/csv-export-button";
import { formatDay, formatMonth, formatNumber } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { leaderboardSearchSchema } from "@/server/schemas/dashboard-search";
import { addDays } from "@/server/lib/calendar";
import { firstValue, parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";

export const metadata: Metadata = { title: "Leaderboards" };

const PAGE_SIZE = 25;
type Period = "all-time" | "weekly" | "monthly";

function hrefWith(search: SearchParams, changes: Record<string, string | null>) {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    const value = firstValue(v);
    if (value) next.set(k, value);
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) next.delete(k);
    else next.set(k, v);
  }
  const query = next.toString();
  return `/admin/leaderboards${query ? `?${query}` : ""}`;
}

function periodLabel(period: Period, start: string) {
  if (period === "monthly") return formatMonth(start);
  return `Week of ${formatDay(start)} – ${formatDay(addDays(start, 6), { year: false })}`;
}

const medal = [
  "bg-amber-100 text-amber-800 ring-amber-300",
  "bg-slate-100 text-slate-700 ring-slate-300",
  "bg-orange-100 text-orange-800 ring-orange-300",
];

export default async function LeaderboardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const { period, course: courseId, at: wantedAt, learner, page } = parseSearchParams(search, leaderboardSearchSchema);
  const caller = await getServerCaller();
  const [{ periods, selected, board, courseTitle, me, learnerMissing, nameMatches }, courses] = await Promise.all([
    caller.admin.leaderboards.view({ courseId, period, at: wantedAt, learner: learner || undefined, page, limit: PAGE_SIZE }),
    caller.admin.leaderboards.courses({ limit: 500 }),
  ]);
  const levels = new Map((await caller.admin.levels.ofLearners({ userIds: board.entries.map((e) => e.userId) })).map((l) => [l.userId, l]));
  const at = selected?.start;
  const exportQuery = new URLSearchParams({ period, ...(courseId ? { course: courseId } : {}), ...(at ? { at } : {}) }).toString();
  const notFound =
    learnerMissing === "unknown"
      ? `No learner on this board has a name or id like “${learner}”.`
      : learnerMissing === "unranked"
        ? `${learner} has no points on this board.`
        : null;
  const first = learner ? null : (page - 1) * PAGE_SIZE + 1;
  const last = first !== null ? first + board.entries.length - 1 : null;

  const periodOptions = periods.map((p) => ({
    value: p.start,
    label: `${periodLabel(period, p.start)}${p.current ? " (current)" : p.closed ? " (closed)" : ""}`,
  }));

  return (
    <>
      <PageHeader
        title="Leaderboards"
        description="Global or per course; all time, by week or by month. Weeks start on Monday in the organisation's time zone. Ties share a rank; learners with no points in a period are not listed."
      />

      <div className="flex flex-col gap-4">
        <SegmentedLinks
          label="Period"
          options={(["all-time", "weekly", "monthly"] as const).map((p) => ({
            href: hrefWith(search, { period: p === "all-time" ? null : p, at: null, page: null }),
            label: p === "all-time" ? "All time" : p === "weekly" ? "Weekly" : "Monthly",
            active: p === period,
          }))}
        />
        <BoardFilters courses={courses} periodOptions={periodOptions} />
      </div>

      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-5 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="font-semibold">
              {courseTitle ? `Course ${courseTitle}` : "Global"} · {period === "all-time" ? "All time" : at ? periodLabel(period, at) : ""}
            </h2>
            {selected?.closed && (
              <Badge tone="accent" title="This period is closed: its final standings are frozen.">
                <Lock className="size-3" aria-hidden />
                Final standings
              </Badge>
            )}
            {selected?.current && <Badge tone="success">In progress</Badge>}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-muted-foreground">
              {formatNumber(board.total)} ranked {board.total === 1 ? "learner" : "learners"}
            </p>
            <CsvExportButton href={`/api/admin/export/board?${exportQuery}`} label="Export board as CSV" />
          </div>
        </div>

        {notFound && (
          <p role="status" className="border-b border-border bg-warning/10 px-5 py-2 text-sm text-warning">
            {notFound}
          </p>
        )}
        {learner && nameMatches !== null && (
          <div className="flex items-center justify-between border-b border-border bg-accent-soft px-5 py-2 text-sm">
            <span role="status">
              {formatNumber(nameMatches)} {nameMatches === 1 ? "learner matches" : "learners match"} “
              <span className="font-medium">{learner}</span>” on this board
              {nameMatches === 50 ? " (the best 50: refine the search to narrow them)" : ""}.
            </span>
            <Link href={hrefWith(search, { learner: null, page: null })} className="font-medium text-accent hover:underline">
              Back to the top
            </Link>
          </div>
        )}
        {learner && me && (
          <div className="flex items-center justify-between border-b border-border bg-accent-soft px-5 py-2 text-sm">
            <span>
              Showing <span className="font-medium">{learner}</span> and the learners around them.
            </span>
            <Link href={hrefWith(search, { learner: null, page: null })} className="font-medium text-accent hover:underline">
              Back to the top
            </Link>
          </div>
        )}

        <DataTable
          label="Leaderboard"
          columns={[{ label: "Rank", className: "w-24" }, "Learner", "Level", { label: "Points", className: "text-right" }]}
          rows={board.entries}
          empty={
            <EmptyState icon={<Trophy />} title="Nobody on this board yet">
              {period === "all-time"
                ? "Learners appear here as soon as they earn their first points."
                : "No learner earned points in this period. Pick another period or board."}
            </EmptyState>
          }
        >
          {(e) => (
            <Tr
              key={e.userId}
              className={cx(e.userId === me && "bg-accent-soft hover:bg-accent-soft")}
              aria-current={e.userId === me ? "true" : undefined}
            >
              <Td>
                <span
                  className={cx(
                    "inline-flex size-8 items-center justify-center rounded-full text-sm font-semibold tabular-nums",
                    e.rank <= 3 ? `ring-1 ring-inset ${medal[e.rank - 1]}` : "text-muted-foreground",
                  )}
                >
                  {e.rank}
                </span>
              </Td>
              <Td>
                <Link href={`/admin/learners/${encodeURIComponent(e.userId)}`} className="group flex flex-col">
                  <span className="font-medium group-hover:text-accent group-hover:underline">{e.displayName}</span>
                  {e.displayName !== e.userId && <span className="font-mono text-xs text-muted-foreground">{e.userId}</span>}
                </Link>
              </Td>
              <Td>{levels.has(e.userId) ? `${levels.get(e.userId)!.number} · ${levels.get(e.userId)!.name}` : "–"}</Td>
              <Td className="text-right font-medium tabular-nums">{formatNumber(e.points)}</Td>
            </Tr>
          )}
        </DataTable>

        {first !== null && board.total > 0 && (
          <nav aria-label="Pages" className="flex items-center justify-between border-t border-border px-5 py-3 text-sm">
            <p className="text-muted-foreground">
              {formatNumber(first)}–{formatNumber(last!)} of {formatNumber(board.total)}
            </p>
            <div className="flex gap-2">
              <Link
                href={hrefWith(search, { page: String(page - 1) })}
                aria-disabled={page <= 1}
                tabIndex={page <= 1 ? -1 : undefined}
                className={buttonClassName("secondary", "sm")}
              >
                <ChevronLeft className="size-4" aria-hidden />
                Previous
              </Link>
              <Link
                href={hrefWith(search, { page: String(page + 1) })}
                aria-disabled={last! >= board.total}
                tabIndex={last! >= board.total ? -1 : undefined}
                className={buttonClassName("secondary", "sm")}
              >
                Next
                <ChevronRight className="size-4" aria-hidden />
              </Link>
            </div>
          </nav>
        )}
      </Card>
    </>
  );
}
