import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { formatDateTime, formatNumber, formatRelative } from "@/components/admin/format";
import { JsonDetails } from "@/components/admin/json-details";
import { NotFoundPage } from "@/components/admin/not-found-page";
import { StatCard } from "@/components/admin/stat-card";
import { ReplayDeliveryButton, WebhookEndpointActions } from "@/components/admin/webhook-endpoint-actions";
import { ZoneNote } from "@/components/admin/zone-note";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { filterOptions, SegmentedLinks } from "@/components/ui/segmented";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { deliveriesSearchSchema } from "@/server/schemas/dashboard-search";
import { DELIVERY_STATUS_VALUES } from "@/server/schemas/webhooks";
import { parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";
import { getOrgZone } from "../../org-zone";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };
type Status = (typeof DELIVERY_STATUS_VALUES)[number];

const PAGE = 25;
const STATUS_TONE: Record<string, BadgeTone> = { succeeded: "success", pending: "accent", failed: "danger", disabled: "neutral" };
const STATUS_LABEL: Record<Status, string> = { pending: "Waiting", succeeded: "Succeeded", failed: "Failed", disabled: "Stopped" };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Webhook ${(await params).id}` };
}

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const rawId = (await params).id;
  const { status, before } = parseSearchParams(await searchParams, deliveriesSearchSchema);
  const id = /^\d+$/.test(rawId) ? Number(rawId) : 0;
  const caller = await getServerCaller();

  let endpoint;
  try {
    if (!id) throw new TRPCError({ code: "NOT_FOUND" });
    endpoint = await caller.admin.webhooks.get({ id });
  } catch (error) {
    if (!(error instanceof TRPCError && error.code === "NOT_FOUND")) throw error;
    return (
      <NotFoundPage
        heading="Endpoint not found"
        title={`No webhook endpoint has the id ${rawId}`}
        icon={Webhook}
        back={{ href: "/admin/webhooks", label: "All endpoints" }}
      >
        It may have been deleted.
      </NotFoundPage>
    );
  }

  const [{ rows, nextBefore }, zone] = await Promise.all([
    caller.admin.webhooks.deliveries({ endpointId: id, status, before, limit: PAGE }),
    getOrgZone(),
  ]);
  const now = new Date();
  const base = `/admin/webhooks/${id}`;
  const href = (s: Status | undefined, b?: string) => {
    const p = new URLSearchParams();
    if (s) p.set("status", s);
    if (b) p.set("before", b);
    const q = p.toString();
    return `${base}${q ? `?${q}` : ""}`;
  };

  return (
    <>
      <Breadcrumb parent={{ href: "/admin/webhooks", label: "Webhooks" }} current={`Endpoint ${id}`} />
      <PageHeader
        title={endpoint.description || "Webhook endpoint"}
        description={
          <span className="flex flex-col gap-2">
            <span className="font-mono break-all">{endpoint.url}</span>
            <span className="flex flex-wrap items-center gap-1">
              {endpoint.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="danger">Disabled</Badge>}
              {endpoint.eventTypes.map((t) => (
                <Badge key={t} className="font-mono">
                  {t}
                </Badge>
              ))}
            </span>
            {!endpoint.enabled && endpoint.disabledReason && (
              <span className="text-danger">
                {endpoint.disabledReason}
                {endpoint.disabledAt && ` (${formatDateTime(endpoint.disabledAt, zone)})`}.
              </span>
            )}
          </span>
        }
        actions={<WebhookEndpointActions id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />}
      />

      <section aria-label="Deliveries by status" className="grid gap-4 sm:grid-cols-3">
        <StatCard
          icon={<Webhook />}
          label="Succeeded"
          value={formatNumber(endpoint.deliveries.succeeded)}
          detail={endpoint.lastDeliveryAt ? `Last attempt ${formatRelative(endpoint.lastDeliveryAt, now)}` : "No attempt yet"}
        />
        <StatCard
          icon={<Webhook />}
          label="Waiting"
          value={formatNumber(endpoint.deliveries.pending)}
          detail="Due now or retrying on the schedule"
        />
        <StatCard
          icon={<Webhook />}
          label="Failed / stopped"
          value={`${formatNumber(endpoint.deliveries.failed)} / ${formatNumber(endpoint.deliveries.disabled)}`}
          detail="Replay any of them below"
        />
      </section>

      <SegmentedLinks label="Filter deliveries" options={filterOptions("All", DELIVERY_STATUS_VALUES, STATUS_LABEL, status, href)} />
      <Card className="overflow-hidden">
        <DataTable
          label="Deliveries"
          columns={["Created", "Type", "Status", { label: "Attempts", className: "text-right" }, "Last answer", ACTIONS_COLUMN]}
          rows={rows}
          empty={
            <EmptyState icon={<Webhook />} title={before ? "No older deliveries" : "No deliveries"}>
              {before
                ? "This is the end of the log."
                : "Deliveries appear here when a subscribed change happens, or when you send a test event."}
            </EmptyState>
          }
        >
          {(d) => (
            <Tr key={d.id} data-testid={`delivery-${d.id}`}>
              <Td className="align-top whitespace-nowrap text-muted-foreground">{formatDateTime(d.createdAt, zone)}</Td>
              <Td className="align-top">
                <span className="font-mono text-xs">{d.type}</span>
                <JsonDetails summary="Payload" value={d.payload} className="mt-1 max-h-72 max-w-lg">
                  <p className="mt-1 font-mono text-[11px] text-muted-foreground">webhook-id {d.webhookId}</p>
                </JsonDetails>
              </Td>
              <Td className="align-top">
                <Badge tone={STATUS_TONE[d.status] ?? "neutral"}>{STATUS_LABEL[d.status as Status] ?? d.status}</Badge>
                {d.status === "pending" && (
                  <p className="mt-1 text-xs text-muted-foreground">next {formatRelative(d.nextAttemptAt, now)}</p>
                )}
                {d.deliveredAt && <p className="mt-1 text-xs text-muted-foreground">{formatDateTime(d.deliveredAt, zone)}</p>}
              </Td>
              <Td className="text-right align-top tabular-nums">{formatNumber(d.attempts)}</Td>
              <Td className="max-w-64 align-top text-xs">
                {d.lastStatusCode !== null && <span className="font-mono">HTTP {d.lastStatusCode}</span>}
                {d.lastError && <p className="break-words text-muted-foreground">{d.lastError}</p>}
                {d.lastStatusCode === null && !d.lastError && <span className="text-muted-foreground">Not sent yet</span>}
              </Td>
              <Td className="text-right align-top">
                <ReplayDeliveryButton id={d.id} disabled={!endpoint.enabled || d.status === "pending"} />
              </Td>
            </Tr>
          )}
        </DataTable>
        <CursorPager
          label="Delivery pages"
          newest={before && href(status)}
          older={nextBefore && href(status, nextBefore)}
          olderLabel="Older deliveries"
        />
        <ZoneNote zone={zone} />
      </Card>
    </>
  );
}
