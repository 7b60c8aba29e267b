import type { Metadata } from "next";
import { Activity, Award, CalendarDays, Coins, Database, Flame, Send, Users } from "lucide-react";
import { headers } from "next/headers";
import Link from "next/link";
import { formatNumber } from "@/components/admin/format";
import { AchievementUnlocksChart, EventsPerDayChart, PointsByTypeChart } from "@/components/admin/overview-charts";
import { StatCard } from "@/components/admin/stat-card";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const caller = await getServerCaller();
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost:3000"}`;
  const [health, overview] = await Promise.all([caller.health.check(), caller.admin.overview.get()]);

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>How your learners are doing, today and over the last 30 days.</span>
            <span className="inline-flex items-center gap-1">
              <Database className="size-3.5" aria-hidden />
              Database: {health.database}
            </span>
          </span>
        }
      />

      <section aria-label="Key numbers" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {[
          { icon: <Users />, label: "Learners", value: overview.learners, detail: "Everyone the LMS has reported" },
          {
            icon: <Activity />,
            label: "Events today",
            value: overview.eventsToday,
            detail: `That happened since midnight (${overview.timezone})`,
          },
          { icon: <CalendarDays />, label: "Events this week", value: overview.eventsThisWeek, detail: "That happened since Monday 00:00" },
          { icon: <Coins />, label: "Points awarded", value: overview.pointsAwarded, detail: "All time, net of adjustments" },
          { icon: <Flame />, label: "Active streaks", value: overview.activeStreaks, detail: "Learners active today or yesterday" },
          {
            icon: <Award />,
            label: "Achievements earned",
            value: overview.achievementsEarned,
            detail: `Across ${overview.achievementUnlocks.length} achievements`,
          },
        ].map((card) => (
          <StatCard key={card.label} icon={card.icon} label={card.label} value={formatNumber(card.value)} detail={card.detail} />
        ))}
      </section>

      {overview.learners === 0 && (
        <Card>
          <CardHeader>
            <Send className="mb-1 size-5 text-accent" aria-hidden />
            <CardTitle>No learners yet — send your first event</CardTitle>
            <CardDescription>
              Learners appear when your LMS sends their first event.{" "}
              <Link href="/admin/api-keys" className="font-medium text-accent underline-offset-2 hover:underline">
                Create an API key
              </Link>{" "}
              (or run <code className="font-mono text-xs">npm run gamify -- apikey:create my-lms</code>), then:
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <CodeBlock
              testId="first-event-curl"
              copyLabel="Copy command"
              code={`curl -X POST ${origin}/api/v1/events \\
  -H "Authorization: Bearer <api key>" \\
  -H "content-type: application/json" \\
  -d '{"id":"evt-1","type":"lesson.completed","userId":"learner-1","courseId":"course-1","lessonId":"lesson-1","occurredAt":"${health.time}"}'`}
            />
            <div>
              <Link href="/admin/api-keys" className={buttonClassName("secondary", "sm")}>
                Go to API keys
              </Link>
            </div>
          </CardContent>
        </Card>
      )}

      <section aria-label="Charts" className="grid gap-4 lg:grid-cols-2">
        <EventsPerDayChart data={overview.eventsPerDay} timezone={overview.timezone} />
        <PointsByTypeChart data={overview.pointsByType} />
        <AchievementUnlocksChart data={overview.achievementUnlocks} />
      </section>
    </>
  );
}
