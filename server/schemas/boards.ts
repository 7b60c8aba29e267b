import { z } from "zod";
import { calendarDaySchema, externalIdSchema, userIdSchema } from "./common";

export const periodSchema = z.enum(["all-time", "weekly", "monthly"], { message: "must be all-time, weekly or monthly" });

// Query parameters arrive as strings: plain decimal digits are read as the number (API.md Revision 2: not
// `0x10`, `1e3`, ` 5` or `+5`, which Number() would take), then the range is checked (out of range is a 400,
// never clamped). tRPC callers may send the number itself.
const DECIMAL_DIGITS = /^\d{1,15}$/;
const intIn = (min: number, max: number, fallback: number) =>
  z
    .preprocess(
      (v) => (typeof v === "string" && DECIMAL_DIGITS.test(v) ? Number(v) : v),
      z
        .number({ message: "must be a whole number written in decimal digits" })
        .int("must be an integer")
        .min(min, `must be between ${min} and ${max}`)
        .max(max, `must be between ${min} and ${max}`),
    )
    .default(fallback);

const boardQuery = {
  period: periodSchema.default("all-time"),
  at: calendarDaySchema.optional(),
};

export const globalBoardInput = z.object({ ...boardQuery, limit: intIn(1, 100, 50), offset: intIn(0, 10_000_000, 0) });
export const courseBoardInput = globalBoardInput.extend({ courseId: externalIdSchema });
export const globalAroundInput = z.object({ ...boardQuery, userId: userIdSchema, radius: intIn(0, 25, 5) });
export const courseAroundInput = globalAroundInput.extend({ courseId: externalIdSchema });

export const boardEntrySchema = z.object({
  rank: z.number().int(),
  userId: z.string(),
  displayName: z.string(),
  points: z.number().int(),
});

export const boardPageSchema = z.object({
  scope: z.enum(["global", "course"]),
  courseId: z.string().nullable(),
  period: periodSchema,
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  total: z.number().int(),
  entries: z.array(boardEntrySchema),
});

export const aroundPageSchema = boardPageSchema.extend({ me: boardEntrySchema.nullable() });
