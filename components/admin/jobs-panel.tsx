"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleCheck, CircleX, Clock, LoaderCircle, Play, type LucideIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { DataTable } from "@/components/ui/data-table";
import { Td, Tr } from "@/components/ui/table";
import type { JobId } from "@/server/lib/job-catalog";
import { formatDateTime, formatDay, formatDuration, formatNumber } from "./format";
import { readError } from "./trpc-errors";

export interface JobRunView {
  id: number;
  trigger: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  result: unknown;
  error: string | null;
}

export interface JobView {
  id: JobId;
  name: string;
  schedule: string;
  /** When its cron next falls; null for a job that runs on demand only. */
  nextRunAt: Date | null;
  description: string;
  runs: JobRunView[];
}

const sum = (o: unknown) =>
  o && typeof o === "object"
    ? Object.values(o as Record<string, unknown>).reduce<number>((n, v) => n + (typeof v === "number" ? v : 0), 0)
    : 0;

/** What a run did, as a sentence. */
export function summarizeResult(job: JobView["id"], result: unknown): string {
  const r = (result ?? {}) as Record<string, unknown>;
  switch (job) {
    case "weekly-close":
    case "monthly-close": {
      const closed = Array.isArray(r.closed) ? (r.closed as string[]) : [];
      const unit = job === "weekly-close" ? "week" : "month";
      if (closed.length === 0) return `No ended ${unit} left to close.`;
      const awarded = Number(r.achievementsAwarded ?? 0);
      return `Closed ${closed.length} ${unit}${closed.length === 1 ? "" : "s"} (${closed.map((d) => formatDay(d)).join(", ")}); ${formatNumber(awarded)} rank achievement${awarded === 1 ? "" : "s"} awarded.`;
    }
    case "streak-check":
      return `${formatNumber(Number(r.active ?? 0))} active streaks, ${formatNumber(Number(r.atRisk ?? 0))} at risk today, ${formatNumber(Number(r.broken ?? 0))} newly ended.`;
    case "leaderboard-refresh": {
      const found = sum(r.driftFound);
      const after = sum(r.driftAfterRepair);
      return found === 0
        ? "Everything matches the ledger."
        : `Repaired ${formatNumber(found - after)} of ${formatNumber(found)} drifted rows.`;
    }
    case "achievement-backfill": {
      if (typeof r.awarded === "number") return `Awarded to ${formatNumber(r.awarded)} learner${r.awarded === 1 ? "" : "s"}.`;
      const total = sum(r.awarded);
      return `Awarded ${formatNumber(total)} time${total === 1 ? "" : "s"} across active achievements.`;
    }
    case "webhook-delivery": {
      const attempted = Number(r.attempted ?? 0);
      if (attempted === 0) return "No webhook delivery was due.";
      return `Sent ${formatNumber(attempted)} deliver${attempted === 1 ? "y" : "ies"}: ${formatNumber(Number(r.succeeded ?? 0))} succeeded, ${formatNumber(Number(r.retrying ?? 0))} to retry, ${formatNumber(Number(r.failed ?? 0))} failed.`;
    }
    case "xapi-retention": {
      const purged = Number(r.purged ?? 0);
      return `Purged ${formatNumber(purged)} raw xAPI statement${purged === 1 ? "" : "s"} older than ${formatNumber(Number(r.retentionDays ?? 0))} days.`;
    }
    case "streak-at-risk": {
      const nudged = Number(r.nudged ?? 0);
      return `Nudged ${formatNumber(nudged)} learner${nudged === 1 ? "" : "s"} whose streak is at risk.`;
    }
  }
}

/** Who started a run: an admin, a schedule (Inngest's cron, or the built-in scheduler's "scheduler:<slot>"), or an event. */
function triggerLabel(trigger: string): string {
  if (trigger === "dashboard") return "Dashboard";
  return trigger.startsWith("inngest/scheduled") || trigger.startsWith("scheduler:") ? "Schedule" : trigger;
}

const STATUS: Record<string, { tone: BadgeTone; icon: LucideIcon; label: string; spin?: boolean }> = {
  succeeded: { tone: "success", icon: CircleCheck, label: "Succeeded" },
  failed: { tone: "danger", icon: CircleX, label: "Failed" },
};
const RUNNING = { tone: "accent", icon: LoaderCircle, label: "Running", spin: true } as const;

function StatusBadge({ status }: { status: string }) {
  const { tone, icon: Icon, label, spin } = STATUS[status] ?? RUNNING;
  return (
    <Badge tone={tone}>
      <Icon className={cx("size-3", spin && "animate-spin")} aria-hidden />
      {label}
    </Badge>
  );
}

function JobCard({ job, zone, viaInngest, onQueued }: { job: JobView; zone: string; viaInngest: boolean; onQueued: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(
    trpc.admin.jobs.runNow.mutationOptions({
      onSuccess: (outcome) => {
        if (outcome.mode === "queued") {
          toast.success(
            `${job.name}: sent to Inngest (${outcome.events} event${outcome.events === 1 ? "" : "s"}). Its run appears below when it starts.`,
          );
          onQueued();
        } else {
          toast.success(`${job.name} finished. ${summarizeResult(job.id, outcome.result)}`);
        }
        router.refresh();
      },
      onError: (e) => {
        toast.error(`${job.name} failed: ${readError(e).message}`);
        router.refresh();
      },
    }),
  );
  const last = job.runs[0];

  return (
    <Card className="overflow-hidden" data-testid={`job-${job.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-4 p-5">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 className="font-semibold">{job.name}</h2>
          <p className="text-sm text-muted-foreground">{job.description}</p>
          <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <Clock className="size-3.5" aria-hidden />
            {job.schedule}
            {job.nextRunAt && (
              <>
                {" "}
                · next run {formatDateTime(job.nextRunAt, zone)} · run by {viaInngest ? "Inngest" : "the built-in scheduler"}
              </>
            )}
          </p>
        </div>
        <div className="flex items-center gap-3">
          {run.isPending ? (
            <span role="status" className="text-sm text-muted-foreground">
              {viaInngest ? "Sending…" : "Running…"}
            </span>
          ) : (
            last && <StatusBadge status={last.status} />
          )}
          <Button variant="secondary" size="sm" disabled={run.isPending} onClick={() => run.mutate({ job: job.id })}>
            {run.isPending ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : <Play className="size-4" aria-hidden />}
            {/* Named "Run <job> now" from its text, so the name holds the visible "Run now" (an aria-label did not). */}
            Run<span className="sr-only"> {job.name}</span> now
          </Button>
        </div>
      </div>
      <DataTable
        label={`${job.name} runs`}
        columns={["Started", "Trigger", "Status", { label: "Duration", className: "text-right" }, "What it did"]}
        rows={job.runs}
        empty={<p className="border-t border-border px-5 py-3 text-sm text-muted-foreground">No runs recorded yet.</p>}
      >
        {(r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap text-muted-foreground">{formatDateTime(r.startedAt, zone)}</Td>
            <Td className="text-muted-foreground">{triggerLabel(r.trigger)}</Td>
            <Td>
              <StatusBadge status={r.status} />
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {r.finishedAt ? formatDuration(new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) : "—"}
            </Td>
            <Td className="max-w-md">
              {r.status === "failed" ? (
                <span className="text-danger">{r.error ?? "Failed"}</span>
              ) : r.status === "running" ? (
                <span className="text-muted-foreground">In progress…</span>
              ) : (
                summarizeResult(job.id, r.result)
              )}
            </Td>
          </Tr>
        )}
      </DataTable>
    </Card>
  );
}

export function JobsPanel({ jobs, zone, viaInngest }: { jobs: JobView[]; zone: string; viaInngest: boolean }) {
  const router = useRouter();
  const [pollUntil, setPollUntil] = useState(0);
  const running = jobs.some((j) => j.runs.some((r) => r.status === "running"));

  // While a run is in progress (or Inngest was just asked to start one), refresh the runs every 2 s.
  useEffect(() => {
    if (!running && pollUntil === 0) return;
    const timer = setInterval(() => {
      if (!running && Date.now() > pollUntil) {
        setPollUntil(0);
        return;
      }
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, pollUntil, router]);

  return (
    <div className="flex flex-col gap-4">
      {jobs.map((job) => (
        <JobCard key={job.id} job={job} zone={zone} viaInngest={viaInngest} onQueued={() => setPollUntil(Date.now() + 30_000)} />
      ))}
    </div>
  );
}
