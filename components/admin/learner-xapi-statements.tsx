import { FileJson } from "lucide-react";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
      <CardHeader
        action={
          total > SHOWN && (
            <Link href={`/admin/xapi?learner=${encodeURIComponent(userId)}`} className={buttonClassName("secondary", "sm")}>
              All statements
            </Link>
          )
        }
      >
        <CardTitle icon={FileJson}>xAPI statements</CardTitle>
        <CardDescription>
          {formatNumber(total)} received from the LMS: {formatNumber(counts.applied)} applied, {formatNumber(counts.ignored)} ignored.
          Newest first.
        </CardDescription>
      </CardHeader>
      <XapiStatementsTable rows={rows} zone={zone} showLearner={false} />
    </Card>
  );
}
