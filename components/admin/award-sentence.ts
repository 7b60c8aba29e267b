import { formatNumber } from "./format";

// What the achievements page says after a retroactive award: who received it now, and on re-activation who
// already held it (awards are never taken back, so "No learner qualifies" would be wrong when some hold it).

export interface AwardResult {
  achievement: { name: string };
  /** null while a background job awards it. */
  awarded: number | null;
  queued: boolean;
  /** Re-activation only: learners who held it before. */
  alreadyHeldBy?: number;
}

export const learners = (n: number): string => `${formatNumber(n)} ${n === 1 ? "learner" : "learners"}`;

export function awardSentence({ achievement: { name }, awarded, queued, alreadyHeldBy = 0 }: AwardResult): string {
  const held = alreadyHeldBy > 0 ? ` ${learners(alreadyHeldBy)} already ${alreadyHeldBy === 1 ? "holds" : "hold"} it.` : "";
  if (queued) return `"${name}" is being awarded retroactively in the background (see Jobs).${held}`;
  if (!awarded)
    return alreadyHeldBy > 0 ? `No other learner qualifies for "${name}" yet.${held}` : `No learner qualifies for "${name}" yet.`;
  return `"${name}" was awarded retroactively to ${learners(awarded)}.${held}`;
}
