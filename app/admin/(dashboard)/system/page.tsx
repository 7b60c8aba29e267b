import type { Metadata } from "next";
import { Activity, CircleX, Database, Send, Webhook } from "lucide-react";
import { formatDateTime, formatNumber } from "@/components/admin/format";
import { IngestionRateChart } from "@/components/admin/ingestion-rate-chart";
import { StatCard } from "@/components/admin/stat-card";
import { AutovacuumNotice, HotTables, SlowestStatements } from "@/components/admin/system-database";
import { FailedJobs, FailingEndpoints, JobsAtAGlance } from "@/components/admin/system-health";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "System" };

export default async function SystemPage() {
  const caller = await getServerCaller();
  const [health, insight, zone] = await Promise.all([caller.admin.system.health(), caller.admin.system.database(), getOrgZone()]);
  const lastHour = health.ingestion.reduce((n, m) => n + m.events, 0);
  const connections = insight.connections.reduce((n, c) => n + c.count, 0);
  return (
    <>
      <PageHeader
        title="System"
        description="How the service and its database are doing right now: jobs, webhooks, ingestion, and where the database spends its time. Prometheus metrics and traces: docs/operations.md."
      />

      <section aria-label="Health at a glance" className="flex flex-col gap-4">
        <h2 className="text-lg font-semibold">Health at a glance</h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <StatCard icon={<Activity />} label="Events, last hour" value={formatNumber(lastHour)} detail="Received, by arrival time" />
          <StatCard
            icon={<CircleX />}
            label="Failed jobs, 24 h"
            value={formatNumber(health.failedJobs.length)}
            detail={health.failedJobs.length === 0 ? "Every run succeeded" : "See the list below"}
          />
          <StatCard
            icon={<Webhook />}
            label="Endpoints failing"
            value={formatNumber(health.failingEndpoints.length)}
            detail="Latest delivery not accepted"
          />
          <StatCard
            icon={<Send />}
            label="Outbox backlog"
            value={formatNumber(health.outbox.pending)}
            detail={health.outbox.nextAttemptAt ? `Next due ${formatDateTime(health.outbox.nextAttemptAt, zone)}` : "Nothing waiting"}
          />
        </div>
        <IngestionRateChart data={health.ingestion.map((m) => ({ minute: m.minute.toISOString(), events: m.events }))} zone={zone} />
        <JobsAtAGlance health={health} zone={zone} />
        {/* grid-cols-1: a column no wider than the screen, so the tables scroll inside their cards. */}
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <FailedJobs failed={health.failedJobs} zone={zone} />
          <FailingEndpoints endpoints={health.failingEndpoints} zone={zone} />
        </div>
      </section>

      <section aria-label="Database" className="flex flex-col gap-4">
        <h2 className="text-lg font-semibold">Database</h2>
        <AutovacuumNotice insight={insight} />
        <Card>
          <CardHeader>
            <CardTitle icon={Database}>Connections</CardTitle>
            <CardDescription>
              {insight.kind === "pglite"
                ? "Embedded PGlite: one connection, shared by every request in turn."
                : `${formatNumber(connections)} to this database (all instances): ${insight.connections.map((c) => `${c.count} ${c.state}`).join(", ")}.`}
              {insight.pool &&
                ` This process's pool: ${insight.pool.inUse} in use, ${insight.pool.idle} idle, ${insight.pool.waiting} waiting for one.`}
            </CardDescription>
          </CardHeader>
        </Card>
        <SlowestStatements statements={insight.statements} />
        <HotTables tables={insight.tables} zone={zone} />
      </section>
    </>
  );
}
