import { exportCsvResponse } from "@/server/api/csv-export-http";
import { getSignedInAdmin } from "@/server/auth";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Admin-only: the learner list (its search and sort) as a streamed CSV download. */
export async function GET(request: Request) {
  const admin = await getSignedInAdmin();
  return exportCsvResponse(request, "learners", { db: await getDb(), signedIn: admin !== null });
}
