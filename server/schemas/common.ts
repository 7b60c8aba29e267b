import { z } from "zod";
import { isValidTimeZone } from "@/server/lib/calendar";
import { freeText, idText } from "./text";

/** An ISO 8601 instant with an explicit zone (Z or an offset), as API.md requires. */
export const instantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i, {
    message: "must be an ISO 8601 date-time with a zone, like 2026-11-25T10:00:00Z",
  })
  .refine(isRealDateTime, { message: "is not a real date-time" });

/** Rejects what Date.parse forgives, like February 31st or hour 25. */
function isRealDateTime(v: string): boolean {
  // Refinements run even when the pattern failed: a value without the T (Date.parse accepts it) is not real here.
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/i.exec(v);
  if (!parts || Number.isNaN(Date.parse(v))) return false;
  const [, y, mo, d, h, mi] = parts.map(Number) as number[];
  const probe = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!));
  return (
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === mo! - 1 &&
    probe.getUTCDate() === d &&
    probe.getUTCHours() === h &&
    probe.getUTCMinutes() === mi
  );
}

export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a calendar day YYYY-MM-DD" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: "is not a real calendar day",
  });

export const timeZoneSchema = freeText().refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Paris" });

export const userIdSchema = idText();
export const externalIdSchema = idText();
export const displayNameSchema = freeText().trim().min(1, "must not be empty").max(120, "must be at most 120 characters");
/** A course's or lesson's title (API.md Revision 2, "Course catalogue"): 1 to 200 characters of free text. */
export const titleSchema = freeText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
