import { z } from "zod";
import { levelBandProblems, MAX_LEVEL_START, MAX_LEVELS } from "@/server/lib/level-curve";
import { freeText, idText } from "./text";

// Levels (DOMAIN.md and API.md Revision 2): the bands admins edit, and the level every stats view returns.

export const levelSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  points: z.number().int(),
  currentAt: z.number().int(),
  /** Where the next level starts; null at the top level. */
  nextAt: z.number().int().nullable(),
});
export type Level = z.infer<typeof levelSchema>;

export const levelUpSchema = z.object({ from: z.number().int(), to: z.number().int() });

const bandInput = z.object({
  name: freeText().trim().max(60, "must be at most 60 characters"),
  startPoints: z
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(MAX_LEVEL_START, `must be at most ${MAX_LEVEL_START}`),
});

/** The bands in order (level numbers are their positions), each starting above the one before, level 1 at 0. */
export const levelBandsInput = z.object({
  bands: z
    .array(bandInput, { message: "must be a list of levels" })
    .min(1, "must hold at least 1 level")
    .max(MAX_LEVELS, `must hold at most ${MAX_LEVELS} levels`)
    .superRefine((bands, ctx) => {
      for (const p of levelBandProblems(bands)) ctx.addIssue({ code: "custom", path: [p.index, p.field], message: p.message });
    }),
});

export const levelBandSchema = z.object({ number: z.number().int(), name: z.string(), startPoints: z.number().int() });
export const levelBandsOutput = z.array(levelBandSchema);

/** The levels of a page of learners (the dashboard's list and boards). */
export const learnerLevelsInput = z.object({
  userIds: z.array(idText(), { message: "must be a list of user ids" }).max(200, "must hold at most 200 ids"),
});
export const learnerLevelsOutput = z.array(z.object({ userId: z.string(), number: z.number().int(), name: z.string() }));

/** How many learners sit in each band under the given bands (the editor's live preview). */
export const levelPreviewInput = z.object({
  starts: z
    .array(z.number().int().min(0).max(MAX_LEVEL_START), { message: "must be a list of start points" })
    .min(1)
    .max(MAX_LEVELS)
    .refine((s) => s[0] === 0 && s.every((v, i) => i === 0 || v > s[i - 1]!), "must start at 0 and rise"),
});
export const levelPreviewOutput = z.object({ counts: z.array(z.number().int()), learners: z.number().int() });
