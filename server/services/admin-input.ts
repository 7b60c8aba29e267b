import { AppError } from "@/server/errors";

/** What an admin typed (a key name, a course id), trimmed; a 400 naming `field` unless it is 1 to `max` characters. */
export function trimmedWithin(value: string, field: string, max: number, what: string): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) {
    throw new AppError("BAD_REQUEST", `${what} must be 1 to ${max} characters long.`, [
      { path: [field], message: `must be 1 to ${max} characters` },
    ]);
  }
  return trimmed;
}
