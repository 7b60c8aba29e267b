"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { createCsvRecordCounter } from "@/server/lib/csv";
import { formatNumber } from "./format";

type ExportState =
  | { kind: "idle" }
  | { kind: "running"; rows: number; total: number }
  | { kind: "done"; rows: number }
  | { kind: "failed"; message: string };

/** The file name the server chose (Content-Disposition), else a plain one. */
const fileNameOf = (res: Response) => /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";

/**
 * Downloads a streamed CSV export, counting its rows as they arrive against the total the server announced
 * (`x-total-rows`), so a long export shows "12,000 of 100,000 rows" instead of a spinner.
 */
export function CsvExportButton({ href, label = "Export CSV" }: { href: string; label?: string }) {
  const [state, setState] = useState<ExportState>({ kind: "idle" });

  async function download() {
    try {
      const res = await fetch(href, { cache: "no-store" });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (${res.status}).`);
      }
      const total = Number(res.headers.get("x-total-rows") ?? 0);
      const counter = createCsvRecordCounter();
      const decoder = new TextDecoder();
      const chunks: BlobPart[] = [];
      const reader = res.body.getReader();
      setState({ kind: "running", rows: 0, total });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        // The header line is a record too: rows are the records after it.
        const rows = Math.max(0, counter.push(decoder.decode(value, { stream: true })) - 1);
        setState({ kind: "running", rows, total });
      }
      const rows = Math.max(0, counter.push(decoder.decode()) - 1);
      const url = URL.createObjectURL(new Blob(chunks, { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = fileNameOf(res);
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: "done", rows });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : "The export failed." });
    }
  }

  const running = state.kind === "running";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" size="sm" onClick={download} disabled={running}>
        <Download className="size-4" aria-hidden />
        {running ? "Exporting…" : label}
      </Button>
      <div role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-muted-foreground">
        {running && (
          <>
            <ProgressBar
              label="Export progress"
              value={state.rows}
              max={state.total}
              percent={state.total > 0 ? Math.min(100, (100 * state.rows) / state.total) : 0}
              className="h-2 w-32"
              fillClassName="bg-accent"
            />
            <span className="tabular-nums">
              {formatNumber(state.rows)} of {formatNumber(state.total)} rows
            </span>
          </>
        )}
        {state.kind === "done" && <span>Exported {formatNumber(state.rows)} rows.</span>}
        {state.kind === "failed" && <span className="text-danger">{state.message}</span>}
      </div>
    </div>
  );
}
