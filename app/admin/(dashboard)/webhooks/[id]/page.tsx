import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ChevronRight, Webhook } from "lucide-react";
import Link from "next/link";
import { formatDateTime, formatNumber, formatRelative } from "@/components/admin/format";
import { StatCard } from "@/components/admin/stat-card";
import { ReplayDeliveryButton, WebhookEndpointActions } from "@/components/admin/webhook-endpoint-actions";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { DELIVERY_STATUS_VALUES } from "@/server/schemas/webhooks";
import { getOrgZone } from "../../org-zone";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string | string[]; before?: string | string[] }> };
type Status = (typeof DELIVERY_STATUS_VALUES)[number];

const PAGE = 25;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const STATUS_TONE: Record<string, BadgeTone> = { succeeded: "success", pending: "accent", failed: "danger", disabled: "neutral" };
const STATUS_LABEL: Record<Status, string> = { pending: "Waiting", succeeded: "Succeeded", failed: "Failed", disabled: "Stopped" };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Webhook ${(await params).id}` };
}

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const rawId = (await params).id;
  const search = await searchParams;
  const status = (DELIVERY_STATUS_VALUES as readonly string[]).includes(one(search.status)) ? (one(search.status) as Status) : undefined;
  const before = /^\d+$/.test(one(search.before)) ? one(search.before) : undefined;
  const id = /^\d+$/.test(rawId) ? Number(rawId) : 0;
  const caller = await getServerCaller();

  let endpoint;
  try {
    if (!id) throw new TRPCError({ code: "NOT_FOUND" });
    endpoint = await caller.admin.webhooks.get({ id });
  } catch (error) {
    if (!(error instanceof TRPCError && error.code === "NOT_FOUND")) throw error;
    return (
      <>
        <PageHeader title="Endpoint not found" />
        <Card>
          <EmptyState
            icon={<Webhook />}
            title={`No webhook endpoint has the id ${rawId}`}
            action={
              <Link href="/admin/webhooks" className={buttonClassName("secondary")}>
                All endpoints
              </Link>
            }
          >
            It may have been deleted.
          </EmptyState>
        </Card>
      </>
    );
  }

  const [{ rows, nextBefore }, zone] = await Promise.all([caller.admin.webhooks.deliveries({ endpointId: id, status, before, limit: PAGE }), getOrgZone()]);
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
      <nav aria-label="Breadcrumb" className="-mb-3 flex items-center gap-1 text-sm text-muted-foreground">
        <Link href="/admin/webhooks" className="hover:text-foreground hover:underline">
          Webhooks
        </Link>
        <ChevronRight className="size-3.5" aria-hidden />
        <span className="text-foreground">Endpoint {id}</span>
      </nav>
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
        <StatCard icon={<Webhook />} label="Succeeded" value={formatNumber(endpoint.deliveries.succeeded)} detail={endpoint.lastDeliveryAt ? `Last attempt ${formatRelative(endpoint.lastDeliveryAt, now)}` : "No attempt yet"} />
        <StatCard icon={<Webhook />} label="Waiting" value={formatNumber(endpoint.deliveries.pending)} detail="Due now or retrying on the schedule" />
        <StatCard icon={<Webhook />} label="Failed / stopped" value={`${formatNumber(endpoint.deliveries.failed)} / ${formatNumber(endpoint.deliveries.disabled)}`} detail="Replay any of them below" />
      </section>

      <SegmentedLinks
        label="Filter deliveries"
        options={[
          { href: href(undefined), label: "All", active: !status },
          ...DELIVERY_STATUS_VALUES.map((s) => ({ href: href(s), label: STATUS_LABEL[s], active: status === s })),
        ]}
      />
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <EmptyState icon={<Webhook />} title={before ? "No older deliveries" : "No deliveries"}>
            {before ? "This is the end of the log." : "Deliveries appear here when a subscribed change happens, or when you send a test event."}
          </EmptyState>
        ) : (
          <Table aria-label="Deliveries">
            <THead>
              <tr>
                <Th>Created</Th>
                <Th>Type</Th>
                <Th>Status</Th>
                <Th className="text-right">Attempts</Th>
                <Th>Last answer</Th>
                <Th className="text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((d) => (
                <Tr key={d.id} data-testid={`delivery-${d.id}`}>
                  <Td className="align-top whitespace-nowrap text-muted-foreground">{formatDateTime(d.createdAt, zone)}</Td>
                  <Td className="align-top">
                    <span className="font-mono text-xs">{d.type}</span>
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Payload</summary>
                      <p className="mt-1 font-mono text-[11px] text-muted-foreground">webhook-id {d.webhookId}</p>
                      <pre className="mt-1 max-h-72 max-w-lg overflow-auto rounded-md border border-border bg-muted/50 p-2 font-mono text-[11px] leading-snug">
                        {JSON.stringify(d.payload, null, 2)}
                      </pre>
                    </details>
                  </Td>
                  <Td className="align-top">
                    <Badge tone={STATUS_TONE[d.status] ?? "neutral"}>{STATUS_LABEL[d.status as Status] ?? d.status}</Badge>
                    {d.status === "pending" && <p className="mt-1 text-xs text-muted-foreground">next {formatRelative(d.nextAttemptAt, now)}</p>}
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
              ))}
            </TBody>
          </Table>
        )}
        {(before || nextBefore) && (
          <nav aria-label="Delivery pages" className="flex justify-end gap-2 border-t border-border px-5 py-3">
            {before && (
              <Link href={href(status)} className={buttonClassName("secondary", "sm")}>
                Newest
              </Link>
            )}
            {nextBefore && (
              <Link href={href(status, nextBefore)} className={buttonClassName("secondary", "sm")}>
                Older deliveries
              </Link>
            )}
          </nav>
        )}
        <p className="border-t border-border px-5 py-2 text-xs text-muted-foreground">Times in the organisation&apos;s zone ({zone}).</p>
      </Card>
    </>
  );
}
