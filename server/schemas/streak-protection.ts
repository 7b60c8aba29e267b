import { z } from "zod";
import { calendarDaySchema, externalIdSchema, userIdSchema } from "./common";
import { freeText } from "./text";

// Inputs of the dashboard's streak protection (admin.streaks.*): pauses, freeze rules, the at-risk hour, grants.
// Forms validate with the same schemas.

export const addPauseInput = z
  .object({
    /** Absent or null: an organisation-wide pause. */
    courseId: externalIdSchema.nullish(),
    startsOn: calendarDaySchema,
    endsOn: calendarDaySchema,
    note: freeText().trim().max(200, { message: "must be at most 200 characters" }).optional(),
  })
  .refine((p) => p.endsOn >= p.startsOn, { message: "must be on or after the start", path: ["endsOn"] })
  .refine((p) => p.endsOn <= p.startsOn || daysApart(p.startsOn, p.endsOn) <= 366, {
    message: "a pause lasts at most 366 days",
    path: ["endsOn"],
  });

function daysApart(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

export const pauseRefInput = z.object({ id: z.number().int().positive() });

export const protectionSettingsInput = z.object({
  freezeEvery: z.number({ message: "must be a whole number" }).int({ message: "must be a whole number" }).min(0).max(365),
  freezeMax: z.number({ message: "must be a whole number" }).int({ message: "must be a whole number" }).min(0).max(30),
  atRiskHour: z.number({ message: "must be a whole number" }).int({ message: "must be a whole number" }).min(0).max(23),
});

export const grantFreezeInput = z.object({ userId: userIdSchema });

export type AddPauseInput = z.infer<typeof addPauseInput>;
export type ProtectionSettingsInput = z.infer<typeof protectionSettingsInput>;
