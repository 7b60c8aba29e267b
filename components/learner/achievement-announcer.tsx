"use client";

import { useMutation } from "@tanstack/react-query";
import { Gauge, PartyPopper, Sparkles } from "lucide-react";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc-provider";
import type { EarnedBadge } from "@/server/schemas/embed";
import type { Level } from "@/server/schemas/levels";
import { BadgeIcon } from "./badge-icon";
import { formatPoints } from "./format";

const SHOWN_AT_ONCE = 4;
/** What one markSeen call accepts; a learner with more unseen (a big backfill) gets the rest next time. */
const MAX_KEYS = 100;

/**
 * Announces what the learner has not been told of yet, once, in one dialog: the achievements earned and the
 * level reached (never two dialogs stacked). Both are marked seen through the API right away (not on close), so
 * a reload or a second embed never announces them again.
 */
export function AchievementAnnouncer({ unseen, newLevel }: { unseen: EarnedBadge[]; newLevel: Level | null }) {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const announced = useRef(false);
  const { mutate: markSeen } = useMutation(trpc.embed.markSeen.mutationOptions());
  const { mutate: markLevelSeen } = useMutation(trpc.embed.markLevelSeen.mutationOptions());

  useEffect(() => {
    if (announced.current || (unseen.length === 0 && !newLevel)) return;
    announced.current = true;
    // A closed <dialog> is display: none, so its entrance animation starts here.
    dialog.current?.showModal();
    if (unseen.length > 0) markSeen({ keys: unseen.slice(0, MAX_KEYS).map((a) => a.key) });
    if (newLevel) markLevelSeen({ points: newLevel.points });
  }, [unseen, newLevel, markSeen, markLevelSeen]);

  if (unseen.length === 0 && !newLevel) return null;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="announce-title"
      aria-describedby="announce-text"
      onClick={(e) => {
        if (e.target === e.currentTarget) dialog.current?.close(); // a click on the backdrop
      }}
      className="m-auto w-[min(22rem,calc(100vw-1.5rem))] max-h-[calc(100dvh-1.5rem)] overflow-visible rounded-3xl border border-border bg-card p-0 text-foreground shadow-2xl backdrop:bg-black/55 backdrop:backdrop-blur-[2px]"
    >
      <div className="embed-pop relative flex max-h-[calc(100dvh-1.5rem)] flex-col items-center gap-3 overflow-y-auto px-5 pt-7 pb-5 text-center">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-x-0 top-0 h-32 rounded-t-3xl bg-linear-to-b from-amber-400/25 to-transparent"
        />
        <Sparkles aria-hidden className="embed-twinkle absolute top-5 left-8 size-5 text-amber-400" />
        <Sparkles aria-hidden className="embed-twinkle absolute top-12 right-9 size-4 text-fuchsia-400 [animation-delay:400ms]" />
        <Sparkles aria-hidden className="embed-twinkle absolute top-24 left-14 size-3 text-sky-400 [animation-delay:800ms]" />
        {unseen.length > 0 ? <BadgesAnnounced unseen={unseen} /> : <LevelAnnounced level={newLevel!} />}
        {unseen.length > 0 && newLevel && (
          <p className="relative inline-flex items-center gap-1.5 rounded-full bg-accent/12 px-3 py-1 text-sm font-semibold text-accent">
            <Gauge className="size-4" aria-hidden />
            Level up: level {newLevel.number}, {newLevel.name}
          </p>
        )}
        <form method="dialog" className="relative w-full pt-1">
          <button
            autoFocus
            className="h-10 w-full rounded-full bg-accent font-semibold text-accent-foreground shadow-sm transition hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Awesome!
          </button>
        </form>
      </div>
    </dialog>
  );
}

function LevelAnnounced({ level }: { level: Level }) {
  return (
    <>
      <span
        aria-hidden
        className="relative inline-flex size-16 items-center justify-center rounded-2xl bg-accent text-accent-foreground shadow-md"
      >
        <Gauge className="size-9" />
      </span>
      <p className="relative text-xs font-bold tracking-widest text-accent uppercase">Level up</p>
      <h2 id="announce-title" className="relative text-xl font-bold tracking-tight">
        Level {level.number}: {level.name}
      </h2>
      <p id="announce-text" className="relative text-sm text-muted-foreground">
        {level.nextAt === null ? "You reached the top level!" : `Next level at ${formatPoints(level.nextAt)} points.`}
      </p>
    </>
  );
}

function BadgesAnnounced({ unseen }: { unseen: EarnedBadge[] }) {
  const [first, ...others] = unseen;
  const totalPoints = unseen.reduce((n, a) => n + a.points, 0);
  const single = others.length === 0;

  return (
    <>
      <BadgeIcon iconUrl={first!.iconUrl} name={first!.name} size="lg" className="embed-badge-in relative" />
      <p className="relative inline-flex items-center gap-1.5 text-xs font-bold tracking-widest text-reward uppercase">
        <PartyPopper className="size-4" aria-hidden />
        {single ? "Badge unlocked" : `${unseen.length} badges unlocked`}
      </p>
      <h2 id="announce-title" className="relative text-xl font-bold tracking-tight">
        {single ? first!.name : `${first!.name} and more!`}
      </h2>
      <p id="announce-text" className="relative text-sm text-muted-foreground">
        {single ? first!.description : "You have been busy. Here is everything you earned:"}
      </p>

      {!single && (
        <ul className="relative flex w-full flex-col gap-1.5 text-left">
          {unseen.slice(0, SHOWN_AT_ONCE).map((a) => (
            <li key={a.key} className="flex items-center gap-2.5 rounded-xl bg-muted/60 px-2.5 py-1.5">
              <BadgeIcon iconUrl={a.iconUrl} name={a.name} size="sm" decorative />
              <span className="min-w-0 flex-1 truncate text-sm font-medium">{a.name}</span>
              {a.points > 0 && <span className="text-xs font-semibold text-reward tabular-nums">+{formatPoints(a.points)}</span>}
            </li>
          ))}
          {unseen.length > SHOWN_AT_ONCE && (
            <li className="text-center text-xs text-muted-foreground">and {unseen.length - SHOWN_AT_ONCE} more on your profile</li>
          )}
        </ul>
      )}

      {totalPoints > 0 && (
        <p className="relative rounded-full bg-amber-500/15 px-3 py-1 text-sm font-semibold text-reward tabular-nums">
          +{formatPoints(totalPoints)} points
        </p>
      )}
    </>
  );
}
