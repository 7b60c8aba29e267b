import type { z } from "zod";
import type { Db } from "@/server/db";
import { AppError, errorHeaders, toErrorBody, zodIssues } from "@/server/errors";
import { boardExportQuery, defaultDirection, learnerExportQuery } from "@/server/schemas/learner-list";
import { exportBoardCsv } from "@/server/services/board-export";
import type { CsvExport } from "@/server/services/csv-stream";
import { exportLearnersCsv } from "@/server/services/learner-export";

// The dashboard's CSV downloads (app/api/admin/export/*/route.ts): a signed-in admin only (the route passes the
// session's admin, as the dashboard's pages and admin procedures check it), the query read with zod (a 400
// naming the parameter), then the body streamed as the service reads it. `x-total-rows` is known before the
// first row, so the dashboard can show "12,000 of 100,000 rows" without a Content-Length.

export type ExportTable = "board" | "learners";

const errorResponse = (err: unknown) => {
  const { status, body } = toErrorBody(err);
  return Response.json(body, { status, headers: { ...errorHeaders(body.error.code), "cache-control": "no-store" } });
};

function readQuery<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
  // A repeated parameter counts by its first value, as a form that sends it once would have.
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] ??= value;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error.issues);
  throw new AppError("BAD_REQUEST", `Invalid query: ${issues[0]!.path.join(".")}: ${issues[0]!.message}.`, issues);
}

async function startExport(db: Db, table: ExportTable, url: URL): Promise<CsvExport> {
  if (table === "board") {
    const q = readQuery(url, boardExportQuery);
    return exportBoardCsv(db, { courseId: q.course ?? null, period: q.period, at: q.at });
  }
  const q = readQuery(url, learnerExportQuery);
  return exportLearnersCsv(db, { query: q.q, sort: q.sort, direction: q.dir ?? defaultDirection[q.sort] });
}

export async function exportCsvResponse(request: Request, table: ExportTable, parts: { db: Db; signedIn: boolean }): Promise<Response> {
  try {
    if (!parts.signedIn) throw new AppError("UNAUTHORIZED", "Sign in as an admin to export.");
    const csv = await startExport(parts.db, table, new URL(request.url));
    return new Response(csv.stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csv.fileName}"`,
        "x-total-rows": String(csv.total),
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
