import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { XAPI_REASON_TEXT, type XapiReason } from "@/server/schemas/xapi";
import { formatDateTime } from "./format";

export interface XapiStatementView {
  id: string;
  userId: string | null;
  verb: string;
  objectId: string | null;
  occurredAt: Date | null;
  receivedAt: Date;
  status: string;
  reason: string | null;
  detail: string | null;
  eventId: string | null;
  raw: unknown;
}

/** The verb as people say it: its display in the statement, else the last part of its IRI. */
export function verbLabel(verb: string, raw: unknown): string {
  const display = (raw as { verb?: { display?: Record<string, string> } } | null)?.verb?.display;
  const first = display ? Object.values(display)[0] : undefined;
  return first || verb.replace(/\/+$/, "").split(/[/#]/).pop() || verb;
}

const reasonText = (reason: string | null) => (reason && reason in XAPI_REASON_TEXT ? XAPI_REASON_TEXT[reason as XapiReason] : reason);

/** Received statements with what each became (an event, or why it was ignored), and the statement as sent. */
export function XapiStatementsTable({ rows, zone, showLearner = true }: { rows: XapiStatementView[]; zone: string; showLearner?: boolean }) {
  return (
    <Table aria-label="xAPI statements">
      <THead>
        <tr>
          <Th>Received</Th>
          {showLearner && <Th>Learner</Th>}
          <Th>Verb</Th>
          <Th>Object</Th>
          <Th>Outcome</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((s) => (
          <Tr key={s.id} data-testid={`xapi-${s.id}`}>
            <Td className="align-top whitespace-nowrap text-muted-foreground">
              {formatDateTime(s.receivedAt, zone)}
              {s.occurredAt && <p className="text-xs">happened {formatDateTime(s.occurredAt, zone)}</p>}
            </Td>
            {showLearner && (
              <Td className="align-top">
                {s.userId ? (
                  <Link href={`/admin/learners/${encodeURIComponent(s.userId)}`} className="font-mono text-xs hover:text-accent hover:underline">
                    {s.userId}
                  </Link>
                ) : (
                  <span className="text-xs text-muted-foreground">none</span>
                )}
              </Td>
            )}
            <Td className="align-top">
              <span title={s.verb}>{verbLabel(s.verb, s.raw)}</span>
            </Td>
            <Td className="align-top">
              <span className="block max-w-56 truncate font-mono text-xs text-muted-foreground" title={s.objectId ?? undefined}>
                {s.objectId ?? "—"}
              </span>
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Statement</summary>
                <pre className="mt-2 max-h-80 max-w-xl overflow-auto rounded-md border border-border bg-muted/50 p-2 font-mono text-[11px] leading-snug">
                  {JSON.stringify(s.raw, null, 2)}
                </pre>
              </details>
            </Td>
            <Td className="align-top">
              <div className="flex flex-col items-start gap-1">
                {s.status === "applied" ? <Badge tone="success">Applied</Badge> : <Badge tone="neutral">Ignored: {s.reason}</Badge>}
                {s.status === "ignored" && <p className="max-w-56 text-xs text-muted-foreground">{reasonText(s.reason)}</p>}
                {s.detail && <p className="max-w-56 text-xs break-all text-muted-foreground">{s.detail}</p>}
                {s.eventId && <p className="max-w-56 truncate font-mono text-[11px] text-muted-foreground" title={s.eventId}>event {s.eventId}</p>}
              </div>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
