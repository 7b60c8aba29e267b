import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { Td, Tr } from "@/components/ui/table";
import { XAPI_REASON_TEXT, type XapiReason, type XapiStatementRow } from "@/server/schemas/xapi";
import { describeRule } from "@/server/schemas/xapi-mapping";
import { formatDateTime } from "./format";
import { JsonDetails } from "./json-details";

/** The verb as people say it: its display in the statement, else the last part of its IRI. */
export function verbLabel(verb: string, raw: unknown): string {
  const display = (raw as { verb?: { display?: Record<string, string> } } | null)?.verb?.display;
  const first = display ? Object.values(display)[0] : undefined;
  return first || verb.replace(/\/+$/, "").split(/[/#]/).pop() || verb;
}

const reasonText = (reason: string | null) => (reason && reason in XAPI_REASON_TEXT ? XAPI_REASON_TEXT[reason as XapiReason] : reason);

/** Received statements with what each became (an event, or why it was ignored), and the statement as sent. */
export function XapiStatementsTable({ rows, zone, showLearner = true }: { rows: XapiStatementRow[]; zone: string; showLearner?: boolean }) {
  return (
    <DataTable label="xAPI statements" columns={["Received", showLearner && "Learner", "Verb", "Object", "Outcome"]} rows={rows}>
      {(s) => (
        <Tr key={s.id} data-testid={`xapi-${s.id}`}>
          <Td className="align-top whitespace-nowrap text-muted-foreground">
            {formatDateTime(s.receivedAt, zone)}
            {s.occurredAt && <p className="text-xs">happened {formatDateTime(s.occurredAt, zone)}</p>}
          </Td>
          {showLearner && (
            <Td className="align-top">
              {s.userId ? (
                <Link
                  href={`/admin/learners/${encodeURIComponent(s.userId)}`}
                  className="font-mono text-xs hover:text-accent hover:underline"
                >
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
            {(s.lessonTitle || s.courseTitle) && (
              <p className="max-w-56 text-sm">
                {s.lessonTitle}
                {s.lessonTitle && s.courseTitle && <span className="text-muted-foreground"> · </span>}
                {s.courseTitle && <span className="text-muted-foreground">{s.courseTitle}</span>}
              </p>
            )}
            <span className="block max-w-56 truncate font-mono text-xs text-muted-foreground" title={s.objectId ?? undefined}>
              {s.objectId ?? "—"}
            </span>
            <JsonDetails summary="Statement" value={s.raw} className="mt-2 max-h-80 max-w-xl" />
          </Td>
          <Td className="align-top">
            <div className="flex flex-col items-start gap-1">
              {s.status === "applied" ? <Badge tone="success">Applied</Badge> : <Badge tone="neutral">Ignored: {s.reason}</Badge>}
              {s.status === "ignored" && <p className="max-w-56 text-xs text-muted-foreground">{reasonText(s.reason)}</p>}
              {s.detail && <p className="max-w-56 text-xs break-all text-muted-foreground">{s.detail}</p>}
              {s.eventId && (
                <p className="max-w-56 truncate font-mono text-[11px] text-muted-foreground" title={s.eventId}>
                  event {s.eventId}
                </p>
              )}
              {s.mappingVersion !== null && (
                <p className="max-w-56 text-xs text-muted-foreground" data-testid="decided-by">
                  Mapping v{s.mappingVersion}
                  {s.mappingRule ? `: ${describeRule(s.mappingRule)}` : ""}
                </p>
              )}
            </div>
          </Td>
        </Tr>
      )}
    </DataTable>
  );
}
