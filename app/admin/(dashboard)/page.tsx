import type { Metadata } from "next";
import { Award, Database, Send, Users } from "lucide-react";
import { headers } from "next/headers";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getServerCaller } from "@/server/api/server-caller";
import { getDb } from "@/server/db";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const caller = await getServerCaller();
  const db = await getDb();
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost:3000"}`;
  const [health, learners, achievements] = await Promise.all([
    caller.health.check(),
    db.learner.count(),
    db.achievement.count(),
  ]);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">
          <Database className="mr-1 inline size-4 align-text-bottom" aria-hidden />
          Database: {health.database}
        </p>
      </header>

      <div className="grid gap-4 sm:grid-cols-2">
        <Stat icon={<Users className="size-4" aria-hidden />} label="Learners" value={learners} />
        <Stat icon={<Award className="size-4" aria-hidden />} label="Achievements" value={achievements} />
      </div>

      {learners === 0 && (
        <Card>
          <CardHeader>
            <Send className="mb-1 size-5 text-accent" aria-hidden />
            <CardTitle>No learners yet — send your first event</CardTitle>
            <CardDescription>
              Learners appear when your LMS sends their first event. Create an API key with{" "}
              <code className="font-mono text-xs">npm run gamify -- apikey:create my-lms</code>, then:
            </CardDescription>
          </CardHeader>
          <CardContent>
            <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
              {`curl -X POST ${origin}/api/v1/events \\
  -H "Authorization: Bearer <api key>" \\
  -H "content-type: application/json" \\
  -d '{"id":"evt-1","type":"lesson.completed","userId":"learner-1","courseId":"course-1","lessonId":"lesson-1","occurredAt":"${health.time}"}'`}
            </pre>
          </CardContent>
        </Card>
      )}
    </div>
  );
}

function Stat({ icon, label, value }: { icon: React.ReactNode; label: string; value: number }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription className="flex items-center gap-2">
          {icon}
          {label}
        </CardDescription>
        <p className="text-3xl font-semibold tabular-nums">{value.toLocaleString("en")}</p>
      </CardHeader>
    </Card>
  );
}
