import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ChevronLeft, ChevronRight, Lock, Trophy } from "lucide-react";
import Link from "next/link";
import { BoardFilters } from "@/components/admin/board-filters";
import { formatDay, formatMonth, formatNumber } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { addDays } from "@/server/lib/calendar";

export const metadata: Metadata = { title: "Leaderboards" };

const PAGE_SIZE = 25;
type Period = "all-time" | "weekly" | "monthly";
type Search = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function hrefWith(search: Search, changes: Record<string, string | null>) {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (one(v)) next.set(k, one(v));
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

const medal = ["bg-amber-100 text-amber-800 ring-amber-300", "bg-slate-100 text-slate-700 ring-slate-300", "bg-orange-100 text-orange-800 ring-orange-300"];

export default async function LeaderboardsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const caller = await getServerCaller();
  const period: Period = ["weekly", "monthly"].includes(one(search.period)) ? (one(search.period) as Period) : "all-time";
  const courseId = one(search.course) || null;
  const learner = one(search.learner).trim();
  const page = Math.max(1, Number.parseInt(one(search.page) || "1", 10) || 1);

  const [periods, courses] = await Promise.all([
    period === "all-time" ? Promise.resolve([]) : caller.admin.leaderboards.periods({ period, count: period === "weekly" ? 26 : 12 }),
    caller.admin.leaderboards.courses({ limit: 500 }),
  ]);
  const at = period === "all-time" ? undefined : periods.some((p) => p.start === one(search.at)) ? one(search.at) : periods[0]?.start;
  const selected = periods.find((p) => p.start === at);

  let notFound: string | null = null;
  let board: Awaited<ReturnType<typeof caller.admin.leaderboards.board>>;
  let me: string | null = null;
  if (learner) {
    try {
      const around = await caller.admin.leaderboards.around({ courseId, period, at, userId: learner, radius: 10 });
      board = around;
      me = around.me?.userId ?? null;
      if (!around.me) notFound = `${learner} has no points on this board.`;
    } catch (error) {
      if (!(error instanceof TRPCError && error.code === "NOT_FOUND")) throw error;
      notFound = `No learner has the id ${learner}.`;
      board = await caller.admin.leaderboards.board({ courseId, period, at, limit: PAGE_SIZE, offset: 0 });
    }
  } else {
    board = await caller.admin.leaderboards.board({ courseId, period, at, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  }
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
              {courseId ? `Course ${courseId}` : "Global"} · {period === "all-time" ? "All time" : at ? periodLabel(period, at) : ""}
            </h2>
            {selected?.closed && (
              <Badge tone="accent" title="This period is closed: its final standings are frozen.">
                <Lock className="size-3" aria-hidden />
                Final standings
              </Badge>
            )}
            {selected?.current && <Badge tone="success">In progress</Badge>}
          </div>
          <p className="text-sm text-muted-foreground">
            {formatNumber(board.total)} ranked {board.total === 1 ? "learner" : "learners"}
          </p>
        </div>

        {notFound && (
          <p role="status" className="border-b border-border bg-warning/10 px-5 py-2 text-sm text-warning">
            {notFound}
          </p>
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

        {board.entries.length === 0 ? (
          <EmptyState icon={<Trophy />} title="Nobody on this board yet">
            {period === "all-time"
              ? "Learners appear here as soon as they earn their first points."
              : "No learner earned points in this period. Pick another period or board."}
          </EmptyState>
        ) : (
          <Table aria-label="Leaderboard">
            <THead>
              <tr>
                <Th className="w-24">Rank</Th>
                <Th>Learner</Th>
                <Th className="text-right">Points</Th>
              </tr>
            </THead>
            <TBody>
              {board.entries.map((e) => (
                <Tr key={e.userId} className={cx(e.userId === me && "bg-accent-soft hover:bg-accent-soft")} aria-current={e.userId === me ? "true" : undefined}>
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
                  <Td className="text-right font-medium tabular-nums">{formatNumber(e.points)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}

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
