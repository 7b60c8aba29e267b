import type { Db } from "@/server/db";
import { csvFileName } from "@/server/lib/csv";
import { csvStream, type CsvExport } from "./csv-stream";
import { countLearners, readLearnerPage, type LearnerListRequest } from "./learner-list";

/** Rows read per query of the learner export. */
export const LEARNER_EXPORT_PAGE = 2000;

/** The learner list as CSV, with its search and sort, read page after page by the list's own keyset cursor. */
export async function exportLearnersCsv(
  db: Db,
  request: Omit<LearnerListRequest, "after" | "before" | "limit">,
  pageSize = LEARNER_EXPORT_PAGE,
): Promise<CsvExport> {
  const total = await countLearners(db, request.query);
  let after: string | undefined;
  let finished = false;
  const stream = csvStream(["user_id", "display_name", "points", "last_active_date"], async () => {
    if (finished) return [];
    const page = await readLearnerPage(db, { ...request, after, limit: pageSize });
    after = page.next ?? undefined;
    finished = page.next === null;
    return page.learners.map((l) => [l.userId, l.displayName, l.points, l.lastActiveDate]);
  });
  const search = request.query.trim() ? ["matching", request.query.trim()] : [];
  return { fileName: csvFileName(["learners", ...search, "by", request.sort, request.direction]), total, stream };
}
