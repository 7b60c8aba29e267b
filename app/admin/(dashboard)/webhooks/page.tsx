import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import Link from "next/link";
import { formatDateTime, formatNumber, formatRelative } from "@/components/admin/format";
import { RunDeliveriesButton, WebhookEndpointForm } from "@/components/admin/webhooks-manager";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const caller = await getServerCaller();
  const [endpoints, pending, { viaInngest }, zone] = await Promise.all([
    caller.admin.webhooks.list(),
    caller.admin.webhooks.pending(),
    caller.admin.jobs.runner(),
    getOrgZone(),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell other systems when learners earn achievements and points, extend or lose streaks, and when a week or month closes. Each delivery is signed (Standard Webhooks) and retried for about a day."
        actions={<RunDeliveriesButton viaInngest={viaInngest} />}
      />
      <Notice>
        <p>
          {pending.pending === 0 ? (
            "No delivery is waiting."
          ) : (
            <>
              <span className="font-medium">{formatNumber(pending.pending)} waiting</span>
              {pending.nextAttemptAt && <>, the next due {formatRelative(pending.nextAttemptAt, now)}</>}.
            </>
          )}{" "}
          {viaInngest
            ? "Inngest sends them every minute."
            : "The built-in scheduler sends them every minute (no Inngest server configured)."}
        </p>
      </Notice>
      <WebhookEndpointForm />
      <Card className="overflow-hidden">
        <DataTable
          label="Webhook endpoints"
          columns={["Endpoint", "Event types", "Status", { label: "Deliveries", className: "text-right" }, "Last attempt"]}
          rows={endpoints}
          empty={
            <EmptyState icon={<Webhook />} title="No endpoints yet">
              Add one above: your LMS, a chat integration or an automation tool receives each change as a signed POST.
            </EmptyState>
          }
        >
          {(e) => (
            <Tr key={e.id} data-testid={`webhook-${e.id}`}>
              <Td className="max-w-80">
                <Link
                  href={`/admin/webhooks/${e.id}`}
                  className="block truncate font-mono text-xs font-medium hover:text-accent hover:underline"
                  title={e.url}
                >
                  {e.url}
                </Link>
                <p className="text-xs text-muted-foreground">
                  {e.description ? `${e.description} · ` : ""}added {formatDateTime(e.createdAt, zone)}
                </p>
              </Td>
              <Td>
                <div className="flex max-w-72 flex-wrap gap-1">
                  {e.eventTypes.map((t) => (
                    <Badge key={t} className="font-mono">
                      {t}
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td>
                {e.enabled ? (
                  <Badge tone="success">Enabled</Badge>
                ) : (
                  <Badge tone="danger" title={e.disabledReason ?? undefined}>
                    Disabled
                  </Badge>
                )}
              </Td>
              <Td className="text-right text-xs whitespace-nowrap tabular-nums">
                <span className="text-success">{formatNumber(e.deliveries.succeeded)} ok</span>
                {e.deliveries.pending > 0 && <span className="ml-2 text-accent">{formatNumber(e.deliveries.pending)} waiting</span>}
                {e.deliveries.failed > 0 && <span className="ml-2 text-danger">{formatNumber(e.deliveries.failed)} failed</span>}
              </Td>
              <Td className="whitespace-nowrap text-muted-foreground">
                {e.lastDeliveryAt ? formatRelative(e.lastDeliveryAt, now) : "Never"}
              </Td>
            </Tr>
          )}
        </DataTable>
      </Card>
    </>
  );
}
