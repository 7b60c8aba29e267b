import { csvRecord, type CsvValue } from "@/server/lib/csv";

/** A CSV export about to stream: what the route sends as headers, and the body. */
export interface CsvExport {
  fileName: string;
  /** Rows the export will hold (without the header), known before the first is read: the progress bar's end. */
  total: number;
  stream: ReadableStream<Uint8Array>;
}

/**
 * A CSV body read page by page as the client takes it: `pull` runs only when the reader wants more, so at
 * most one page of rows is in memory whatever the size of the table. A UTF-8 byte order mark comes first, so
 * spreadsheets read names in any script as UTF-8. `nextPage` answers the next rows, and an empty list at the end.
 */
export function csvStream(header: string[], nextPage: () => Promise<CsvValue[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvRecord(header)}`));
      },
      async pull(controller) {
        if (done) return;
        const rows = await nextPage();
        if (rows.length === 0) {
          done = true;
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(rows.map(csvRecord).join("")));
      },
    },
    // One page queued ahead of the reader at most.
    { highWaterMark: 1 },
  );
}
