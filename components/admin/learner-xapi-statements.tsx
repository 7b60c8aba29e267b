import { FileJson } from "lucide-react";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getServerCaller } from "@/server/api/server-caller";
import { formatNumber } from "./format";
import { XapiStatementsTable } from "./xapi-statements-table";

const SHOWN = 10;

/** The learner page's section: the latest xAPI statements about this learner, with what each became. */
export async function LearnerXapiStatements({ userId, zone }: { userId: string; zone: string }) {
  const caller = await getServerCaller();
  const [{ rows }, counts] = await Promise.all([caller.admin.xapi.log({ userId, limit: SHOWN }), caller.admin.xapi.counts({ userId })]);
  if (rows.length === 0) return null;
  const total = counts.applied + counts.ignored;
  return (
    <Card className="overflow-hidden" id="xapi">
      <div className="flex flex-wrap items-center justify-between gap-2 p-5 pb-3">
        <div className="flex flex-col gap-1">
          <h2 className="flex items-center gap-2 text-base font-semibold">
            <FileJson className="size-4 text-accent" aria-hidden />
            xAPI statements
          </h2>
          <p className="text-sm text-muted-foreground">
            {formatNumber(total)} received from the LMS: {formatNumber(counts.applied)} applied, {formatNumber(counts.ignored)} ignored. Newest first.
          </p>
        </div>
        {total > SHOWN && (
          <Link href={`/admin/xapi?learner=${encodeURIComponent(userId)}`} className={buttonClassName("secondary", "sm")}>
            All statements
          </Link>
        )}
      </div>
      <XapiStatementsTable rows={rows} zone={zone} showLearner={false} />
    </Card>
  );
}
