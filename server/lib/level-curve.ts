// The level bands as the editor and the schema see them (pure, so client components read it too): the rule
// that bands must obey, and the "grow by a factor" generator. A learner's level itself is server/services/levels.ts.

export interface LevelBandInput {
  number: number;
  name: string;
  startPoints: number;
}

export const MAX_LEVELS = 100;
export const MAX_LEVEL_START = 100_000_000;

/** What is wrong with a list of bands, as `[index, field, message]`; empty when it is a valid ladder. */
export function levelBandProblems(
  bands: { name: string; startPoints: number }[],
): { index: number; field: "name" | "startPoints"; message: string }[] {
  const problems: { index: number; field: "name" | "startPoints"; message: string }[] = [];
  bands.forEach((b, i) => {
    if (b.name.trim().length === 0) problems.push({ index: i, field: "name", message: "must not be empty" });
    if (i === 0 && b.startPoints !== 0) problems.push({ index: i, field: "startPoints", message: "level 1 must start at 0" });
    if (i > 0 && b.startPoints <= bands[i - 1]!.startPoints) {
      problems.push({ index: i, field: "startPoints", message: `must be more than level ${i}'s start (${bands[i - 1]!.startPoints})` });
    }
  });
  return problems;
}

/**
 * Bands that grow by a factor: level 1 spans `firstSize` points, each next band `factor` times the one
 * before, rounded to a tidy number (tens, then hundreds past 1,000) so admins read round starts.
 */
export function growLevelBands(firstSize: number, factor: number, count: number, names: string[] = []): LevelBandInput[] {
  const bands: LevelBandInput[] = [];
  let start = 0;
  let size = firstSize;
  for (let i = 0; i < count; i++) {
    bands.push({ number: i + 1, name: names[i] ?? `Level ${i + 1}`, startPoints: start });
    const step = size >= 1000 ? 100 : size >= 100 ? 10 : 1;
    start += Math.max(1, Math.round(size / step) * step);
    size *= factor;
  }
  return bands;
}
