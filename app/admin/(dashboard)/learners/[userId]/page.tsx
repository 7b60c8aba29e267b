import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { Award, BookOpen, Flame, GraduationCap, Medal, ScrollText, UserRound } from "lucide-react";
import Link from "next/link";
import { AchievementIcon } from "@/components/admin/achievement-icon";
import { ActivityHeatmap } from "@/components/admin/activity-heatmap";
import { AdjustPointsForm } from "@/components/admin/adjust-points-form";
import { GrantFreezeButton } from "@/components/admin/grant-freeze-button";
import { LearnerCredentials } from "@/components/admin/learner-credentials";
import { LearnerPrivacy } from "@/components/admin/learner-privacy";
import { LearnerXapiStatements } from "@/components/admin/learner-xapi-statements";
import { NotFoundPage } from "@/components/admin/not-found-page";
import { formatDateTime, formatDay, formatNumber, formatSigned } from "@/components/admin/format";
import { StatCard } from "@/components/admin/stat-card";
import { ZoneNote } from "@/components/admin/zone-note";
import { Badge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { CursorPager } from "@/components/ui/cursor-pager";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Td, Tr } from "@/components/ui/table";
import { getServerCaller } from "@/server/api/server-caller";
import { learnerLedgerSearchSchema } from "@/server/schemas/dashboard-search";
import { parseSearchParams, type SearchParams } from "@/app/admin/_lib/search-params";
import { addDays, dayInZone, mondayOf } from "@/server/lib/calendar";

type Props = { params: Promise<{ userId: string }>; searchParams: Promise<SearchParams> };

const LEDGER_PAGE = 20;
const HEATMAP_WEEKS = 52;

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Learner ${decode((await params).userId)}` };
}

const freezesText = (n: number) => `${formatNumber(n)} ${n === 1 ? "freeze" : "freezes"} held`;
const rankText = (rank: number | null) => (rank === null ? "not ranked" : `rank #${formatNumber(rank)}`);

export default async function LearnerPage({ params, searchParams }: Props) {
  const userId = decode((await params).userId);
  const { before } = parseSearchParams(await searchParams, learnerLedgerSearchSchema);
  const caller = await getServerCaller();

  let stats;
  try {
    stats = await caller.admin.learners.stats({ userId });
  } catch (error) {
    if (!(error instanceof TRPCError && error.code === "NOT_FOUND")) throw error;
    return (
      <NotFoundPage
        heading="Learner not found"
        title={`No learner has the id ${userId}`}
        icon={UserRound}
        back={{ href: "/admin/learners", label: "Search learners" }}
      >
        Learners appear when the LMS sends their first event. Check the id, or search by name.
      </NotFoundPage>
    );
  }

  const today = dayInZone(new Date(), stats.timezone);
  const from = addDays(mondayOf(today), -7 * (HEATMAP_WEEKS - 1));
  const validBefore = before && /^\d+$/.test(before) ? before : undefined;
  const [achievements, ledger, activeDays, orgZone, privacy, credentials] = await Promise.all([
    caller.admin.learners.achievements({ userId }),
    caller.admin.learners.ledger({ userId, limit: LEDGER_PAGE, before: validBefore }),
    caller.admin.learners.activeDays({ userId, from, to: addDays(today, 1) }),
    caller.admin.rules.get().then((r) => r.rules.timezone),
    caller.admin.privacy.visibility({ userId }),
    caller.admin.credentials.ofLearner({ userId }),
  ]);
  const base = `/admin/learners/${encodeURIComponent(userId)}`;

  return (
    <>
      <Breadcrumb parent={{ href: "/admin/learners", label: "Learners" }} current={stats.displayName} />
      <PageHeader
        title={stats.displayName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{stats.userId}</span>
            <Badge>Time zone {stats.timezone}</Badge>
            {stats.streak.activeToday && <Badge tone="success">Active today</Badge>}
          </span>
        }
        actions={
          <Link href={`/admin/leaderboards?learner=${encodeURIComponent(userId)}`} className={buttonClassName("secondary", "sm")}>
            <Medal className="size-4" aria-hidden />
            Show on the leaderboard
          </Link>
        }
      />

      <section aria-label="Statistics" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          icon={<Medal />}
          label="Points"
          value={formatNumber(stats.points.allTime)}
          detail={`All time, ${rankText(stats.rank.allTime)} · level ${stats.level.number}, ${stats.level.name}`}
        />
        <StatCard
          icon={<Medal />}
          label="This week / month"
          value={`${formatNumber(stats.points.weekly)} / ${formatNumber(stats.points.monthly)}`}
          detail={`Week ${rankText(stats.rank.weekly)}, month ${rankText(stats.rank.monthly)}`}
        />
        <StatCard
          icon={<Flame />}
          label="Current streak"
          value={`${formatNumber(stats.streak.current)} ${stats.streak.current === 1 ? "day" : "days"}`}
          detail={`Longest ${formatNumber(stats.streak.longest)} · last active ${stats.streak.lastActiveDate ? formatDay(stats.streak.lastActiveDate) : "never"} · ${freezesText(stats.streak.freezes.available)}`}
        />
        <StatCard
          icon={<BookOpen />}
          label="Completed"
          value={`${formatNumber(stats.lessonsCompleted)} / ${formatNumber(stats.coursesCompleted)}`}
          detail={`Lessons / courses · ${formatNumber(stats.achievementsEarned)} achievements`}
        />
      </section>

      <Card>
        <CardHeader>
          <CardTitle icon={Flame}>Activity</CardTitle>
          <CardDescription>Days with at least one event, in the learner&apos;s time zone ({stats.timezone}).</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center justify-between gap-3 pb-0">
          <p className="text-sm text-muted-foreground" data-testid="learner-freezes">
            {freezesText(stats.streak.freezes.available)}
            {stats.streak.freezes.usedOn.length > 0 && ` · frozen: ${stats.streak.freezes.usedOn.map((d) => formatDay(d)).join(", ")}`}
          </p>
          <GrantFreezeButton userId={userId} />
        </CardContent>
        <CardContent>
          <ActivityHeatmap activeDays={activeDays} today={today} weeks={HEATMAP_WEEKS} />
        </CardContent>
      </Card>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader>
            <CardTitle icon={Award}>Achievements</CardTitle>
            <CardDescription>
              {achievements.earned.length} earned, {achievements.inProgress.length} in progress.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            {achievements.earned.length === 0 ? (
              <p className="text-sm text-muted-foreground">No achievement earned yet.</p>
            ) : (
              <ul className="grid gap-3 sm:grid-cols-2" aria-label="Earned achievements">
                {achievements.earned.map((a) => (
                  <li key={a.key} className="flex items-center gap-3 rounded-lg border border-border p-3">
                    <AchievementIcon iconUrl={a.iconUrl} />
                    <div className="min-w-0">
                      <p className="truncate font-medium">{a.name}</p>
                      <p className="text-xs text-muted-foreground">
                        {formatDateTime(a.earnedAt, orgZone)} · +{formatNumber(a.points)} pts
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {achievements.inProgress.length > 0 && (
              <div className="flex flex-col gap-2">
                <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">In progress</h3>
                <ul className="grid gap-x-6 gap-y-3 sm:grid-cols-2" aria-label="Achievements in progress">
                  {achievements.inProgress.map((a) => {
                    const pct = a.progress.target ? Math.round((100 * a.progress.current) / a.progress.target) : 0;
                    return (
                      <li key={a.key} className="flex items-center gap-3">
                        <AchievementIcon iconUrl={a.iconUrl} size="sm" muted />
                        <div className="min-w-0 flex-1">
                          <div className="flex justify-between gap-2 text-sm">
                            <span className="truncate">{a.name}</span>
                            <span className="text-xs text-muted-foreground tabular-nums">
                              {formatNumber(a.progress.current)}/{formatNumber(a.progress.target)}
                            </span>
                          </div>
                          <ProgressBar
                            label={`${a.name} progress`}
                            value={a.progress.current}
                            max={a.progress.target}
                            percent={pct}
                            className="mt-1 h-1.5"
                            fillClassName="bg-accent/70"
                          />
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Adjust points</CardTitle>
            <CardDescription>Add or remove points by hand, with a reason. It is recorded under your name.</CardDescription>
          </CardHeader>
          <CardContent>
            <AdjustPointsForm userId={userId} total={stats.points.allTime} />
          </CardContent>
        </Card>
      </div>

      <Card className="overflow-hidden" id="ledger">
        <CardHeader>
          <CardTitle icon={ScrollText}>Points ledger</CardTitle>
          <CardDescription>Every change of this learner&apos;s points and why, newest first.</CardDescription>
        </CardHeader>
        <DataTable
          label="Ledger"
          columns={["When", "What", { label: "Points", className: "text-right" }]}
          rows={ledger.lines}
          empty={
            <EmptyState icon={<GraduationCap />} title={validBefore ? "No older entries" : "No points yet"}>
              {validBefore ? "This is the end of the ledger." : "Points appear here as the learner completes lessons and courses."}
            </EmptyState>
          }
        >
          {(line) => (
            <Tr key={line.id}>
              <Td className="whitespace-nowrap text-muted-foreground">{formatDateTime(line.occurredAt, orgZone)}</Td>
              <Td>
                <p>{line.label}</p>
                {line.adminEmail && <p className="text-xs text-muted-foreground">by {line.adminEmail}</p>}
              </Td>
              <Td
                className={cx(
                  "text-right font-medium tabular-nums",
                  line.points > 0 ? "text-success" : line.points < 0 ? "text-danger" : "text-muted-foreground",
                )}
              >
                {formatSigned(line.points)}
              </Td>
            </Tr>
          )}
        </DataTable>
        <CursorPager
          label="Ledger pages"
          newest={validBefore && `${base}#ledger`}
          older={ledger.nextBefore && `${base}?before=${ledger.nextBefore}#ledger`}
          olderLabel="Older entries"
        />
        <ZoneNote zone={orgZone} />
      </Card>
      <LearnerXapiStatements userId={userId} zone={orgZone} />
      <Card>
        <CardHeader>
          <CardTitle icon={Award}>Open Badges credentials</CardTitle>
          <CardDescription>Signed credentials issued for this learner&apos;s achievements (docs/open-badges.md).</CardDescription>
        </CardHeader>
        <CardContent>
          <LearnerCredentials
            credentials={credentials.map((c) => ({
              id: c.id,
              achievementName: c.achievementName,
              issued: formatDateTime(c.issuedAt, orgZone),
              revoked: c.revokedAt ? formatDateTime(c.revokedAt, orgZone) : null,
              revokedReason: c.revokedReason,
            }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Privacy</CardTitle>
          <CardDescription>
            Visibility on the boards learners see, the learner&apos;s data as one JSON file, and erasure (docs/privacy.md).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <LearnerPrivacy userId={userId} visibility={privacy.visibility} />
        </CardContent>
      </Card>
    </>
  );
}
