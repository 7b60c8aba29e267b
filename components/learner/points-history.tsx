"use client";

import { Award, BookOpen, Flame, GraduationCap, History, LogIn, Sparkles, type LucideIcon } from "lucide-react";
import { useState } from "react";
import { useTRPCClient } from "@/components/trpc-provider";
import { cx } from "@/components/ui/class-names";
import type { EmbedLedgerLine } from "@/server/schemas/embed";
import { EmbedSection } from "./embed-section";
import { formatDate, signedPoints } from "./format";

const REASONS: Record<string, { icon: LucideIcon; tone: string }> = {
  "lesson.completed": { icon: BookOpen, tone: "bg-sky-500/12 text-sky-600" },
  "course.completed": { icon: GraduationCap, tone: "bg-indigo-500/12 text-indigo-500" },
  "streak.day": { icon: Flame, tone: "bg-orange-500/12 text-orange-600" },
  achievement: { icon: Award, tone: "bg-amber-500/15 text-amber-600" },
  "user.login": { icon: LogIn, tone: "bg-emerald-500/12 text-emerald-600" },
  adjustment: { icon: Sparkles, tone: "bg-violet-500/12 text-violet-500" },
};
const OTHER = { icon: Sparkles, tone: "bg-muted text-muted-foreground" };

/** "Why did I get these points": ledger lines with their reasons. */
export function PointsHistoryList({
  lines,
  timezone,
}: {
  lines: Pick<EmbedLedgerLine, "id" | "points" | "reason" | "label" | "occurredAt">[];
  timezone: string;
}) {
  return (
    <ul className="flex flex-col divide-y divide-border rounded-xl border border-border bg-card">
      {lines.map((line) => {
        const { icon: Icon, tone } = REASONS[line.reason] ?? OTHER;
        return (
          <li key={line.id} className="flex items-center gap-3 px-3 py-2.5">
            <span className={cx("inline-flex size-8 shrink-0 items-center justify-center rounded-full", tone)}>
              <Icon className="size-4" aria-hidden />
            </span>
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="text-sm leading-snug break-words">{line.label}</span>
              <time dateTime={line.occurredAt} className="text-xs text-muted-foreground">
                {formatDate(line.occurredAt, timezone)}
              </time>
            </span>
            <span className={cx("shrink-0 font-semibold tabular-nums", line.points < 0 ? "text-danger" : "text-success")}>
              {signedPoints(line.points)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The embed's points history: the first lines come with the page, "Show more" pages back through the ledger. */
export function PointsHistory({
  initial,
  timezone,
}: {
  initial: { lines: EmbedLedgerLine[]; nextBefore: string | null };
  timezone: string;
}) {
  const client = useTRPCClient();
  const [lines, setLines] = useState(initial.lines);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");

  const loadMore = async () => {
    if (!nextBefore) return;
    setState("loading");
    try {
      const page = await client.embed.ledger.query({ before: nextBefore, limit: 20 });
      setLines((current) => [...current, ...page.lines]);
      setNextBefore(page.nextBefore);
      setState("idle");
    } catch {
      setState("error");
    }
  };

  return (
    <EmbedSection id="history-title" icon={<History className="size-4 text-accent" aria-hidden />} title="Points history">
      {lines.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border px-4 py-6 text-center text-sm text-muted-foreground">
          Points you earn will be listed here, with what earned them.
        </p>
      ) : (
        <PointsHistoryList lines={lines} timezone={timezone} />
      )}
      {nextBefore && (
        <button
          type="button"
          onClick={loadMore}
          disabled={state === "loading"}
          className="self-center rounded-full border border-border bg-card px-4 py-1.5 text-sm font-medium hover:bg-muted disabled:opacity-60"
        >
          {state === "loading" ? "Loading…" : "Show more"}
        </button>
      )}
      {state === "error" && (
        <p role="alert" className="text-center text-sm text-danger">
          Could not load more just now. Try again in a moment.
        </p>
      )}
    </EmbedSection>
  );
}
