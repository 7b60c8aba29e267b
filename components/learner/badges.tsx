import { Award, Lock } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { EmbedProfile } from "@/server/schemas/embed";
import { BadgeIcon, badgeStyle } from "./badge-icon";
import { CredentialActions } from "./credential-actions";
import { EmbedSection } from "./embed-section";
import { formatDate, formatPoints } from "./format";

type Achievements = EmbedProfile["achievements"];

/** Earned badges, newest first, with the day each was earned (in the learner's zone). */
export function BadgeShelf({ earned, timezone }: { earned: Achievements["earned"]; timezone: string }) {
  return (
    <EmbedSection
      id="badges-title"
      icon={<Award className="size-4 text-amber-500" aria-hidden />}
      title={
        <>
          Badges
          <span className="rounded-full bg-muted px-2 text-xs font-medium text-muted-foreground tabular-nums">{earned.length}</span>
        </>
      }
    >
      {earned.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border px-4 py-6 text-center text-sm text-muted-foreground">
          No badges yet. Your first one is closer than you think: see below.
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-2 min-[480px]:grid-cols-3 sm:grid-cols-4">
          {earned.map((a) => (
            <li
              key={a.key}
              title={a.description}
              className="flex flex-col items-center gap-1.5 rounded-xl border border-border bg-card px-2 pt-3 pb-2.5 text-center"
            >
              <BadgeIcon iconUrl={a.iconUrl} name={a.name} decorative />
              <span className="text-sm leading-tight font-semibold">{a.name}</span>
              <span className="text-xs text-muted-foreground">
                <time dateTime={a.earnedAt}>{formatDate(a.earnedAt, timezone)}</time>
              </span>
              {a.points > 0 && (
                <span className="rounded-full bg-amber-500/12 px-2 py-0.5 text-[0.7rem] font-semibold text-reward tabular-nums">
                  +{formatPoints(a.points)} pts
                </span>
              )}
              <CredentialActions achievementKey={a.key} name={a.name} />
            </li>
          ))}
        </ul>
      )}
    </EmbedSection>
  );
}

/** Achievements still to earn, closest first, each with a progress bar. */
export function InProgressList({ inProgress }: { inProgress: Achievements["inProgress"] }) {
  if (inProgress.length === 0) return null;
  const ordered = [...inProgress].sort((a, b) => share(b) - share(a));
  return (
    <EmbedSection id="next-badges-title" icon={<Lock className="size-4 text-muted-foreground" aria-hidden />} title="Up next">
      <ul className="flex flex-col gap-2">
        {ordered.map((a) => {
          const percent = Math.round(share(a) * 100);
          return (
            <li key={a.key} className="flex items-center gap-3 rounded-xl border border-border bg-card px-3 py-2.5">
              <BadgeIcon iconUrl={a.iconUrl} name={a.name} size="sm" locked decorative />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="truncate text-sm font-medium">{a.name}</span>
                  <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                    {formatPoints(a.progress.current)} / {formatPoints(a.progress.target)}
                  </span>
                </div>
                <ProgressBar
                  label={`${a.name}: ${a.description}`}
                  value={Math.min(a.progress.current, a.progress.target)}
                  max={a.progress.target}
                  percent={Math.max(percent, 2)}
                  className="h-2"
                  fillClassName={badgeStyle(a.iconUrl).tint}
                />
                <p className="truncate text-xs text-muted-foreground">{a.description}</p>
              </div>
            </li>
          );
        })}
      </ul>
    </EmbedSection>
  );
}

function share(a: Achievements["inProgress"][number]): number {
  return a.progress.target > 0 ? Math.min(1, a.progress.current / a.progress.target) : 0;
}
