import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { SystemHealth } from "@/server/schemas/system";
import { formatDateTime, formatNumber } from "./format";

// The System page's jobs and webhooks at a glance (the figures come from server/services/system/health-at-a-glance.ts).

const statusTone = (status: string) => (status === "succeeded" ? "success" : status === "failed" ? "danger" : "neutral");

export function JobsAtAGlance({ health, zone }: { health: SystemHealth; zone: string }) {
  const { scheduler } = health;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Jobs</CardTitle>
        <CardDescription>
          In charge of the schedules: {scheduler.viaInngest ? "Inngest" : "the built-in scheduler (no Inngest server configured)"}.
          {!scheduler.viaInngest &&
            (scheduler.lastSlotClaimedAt
              ? ` Latest slot claimed by an instance: ${formatDateTime(scheduler.lastSlotClaimedAt, zone)}.`
              : " No instance has claimed a slot yet.")}
        </CardDescription>
      </CardHeader>
      <Table>
        <THead>
          <Tr>
            <Th>Job</Th>
            <Th>Last run</Th>
            <Th>Status</Th>
            <Th>Next run</Th>
          </Tr>
        </THead>
        <TBody>
          {health.jobs.map((job) => (
            <Tr key={job.id}>
              <Td className="font-medium">{job.name}</Td>
              <Td>{job.lastRun ? formatDateTime(job.lastRun.startedAt, zone) : <span className="text-muted-foreground">Never</span>}</Td>
              <Td>{job.lastRun ? <Badge tone={statusTone(job.lastRun.status)}>{job.lastRun.status}</Badge> : "—"}</Td>
              <Td>{job.nextRunAt ? formatDateTime(job.nextRunAt, zone) : <span className="text-muted-foreground">On demand</span>}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

export function FailedJobs({ failed, zone }: { failed: SystemHealth["failedJobs"]; zone: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Failed jobs, last 24 hours</CardTitle>
        <CardDescription>Runs that ended in an error; the Jobs page has their results.</CardDescription>
      </CardHeader>
      {failed.length === 0 ? (
        <p className="px-6 pb-6 text-sm text-muted-foreground">No job failed in the last 24 hours.</p>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Job</Th>
              <Th>Started</Th>
              <Th>Trigger</Th>
              <Th>Error</Th>
            </Tr>
          </THead>
          <TBody>
            {failed.map((run) => (
              <Tr key={run.id}>
                <Td className="font-medium">{run.name}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(run.startedAt, zone)}</Td>
                <Td className="font-mono text-xs">{run.trigger}</Td>
                <Td className="max-w-md truncate text-xs" title={run.error ?? undefined}>
                  {run.error ?? "—"}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

export function FailingEndpoints({ endpoints, zone }: { endpoints: SystemHealth["failingEndpoints"]; zone: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Webhook endpoints failing now</CardTitle>
        <CardDescription>Enabled endpoints whose latest delivery attempt did not succeed.</CardDescription>
      </CardHeader>
      {endpoints.length === 0 ? (
        <p className="px-6 pb-6 text-sm text-muted-foreground">Every endpoint&apos;s latest delivery succeeded.</p>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Endpoint</Th>
              <Th>Last attempt</Th>
              <Th>Answer</Th>
              <Th className="text-right">Waiting</Th>
            </Tr>
          </THead>
          <TBody>
            {endpoints.map((e) => (
              <Tr key={e.id}>
                <Td className="max-w-xs truncate font-mono text-xs">
                  <Link href={`/admin/webhooks/${e.id}`} className="text-accent underline-offset-2 hover:underline">
                    {e.url}
                  </Link>
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(e.lastAttemptAt, zone)}</Td>
                <Td className="max-w-sm truncate text-xs" title={e.lastError ?? undefined}>
                  {e.lastStatusCode ? `HTTP ${e.lastStatusCode}` : (e.lastError ?? "—")}
                </Td>
                <Td className="text-right tabular-nums">{formatNumber(e.pending)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
