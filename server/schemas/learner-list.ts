import { z } from "zod";
import { periodSchema } from "./boards";
import { calendarDaySchema, externalIdSchema } from "./common";
import { freeText } from "./text";

// The dashboard's learner list (tRPC) and the CSV exports (admin-only route handlers, whose query parameters
// arrive as strings; a value that does not fit is a 400 naming the parameter).

export const learnerSorts = ["points", "name", "activity"] as const;
export type LearnerSort = (typeof learnerSorts)[number];
export type SortDirection = "asc" | "desc";

export const learnerSortSchema = z.enum(learnerSorts, { message: "must be points, name or activity" });
export const sortDirectionSchema = z.enum(["asc", "desc"], { message: "must be asc or desc" });
const cursorSchema = z.string().regex(/^[A-Za-z0-9_-]{1,700}$/, "is not a cursor of this list");
const learnerQuery = freeText().max(128, "must be at most 128 characters");

/** Each sort's natural direction: most points, A to Z, most recently active. */
export const defaultDirection = { points: "desc", name: "asc", activity: "desc" } as const;

export const learnerListInput = z.object({
  query: learnerQuery.default(""),
  sort: learnerSortSchema.default("activity"),
  direction: sortDirectionSchema.optional(),
  after: cursorSchema.optional(),
  before: cursorSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

const learnerRow = z.object({
  userId: z.string(),
  displayName: z.string().nullable(),
  points: z.number().int(),
  lastActiveDate: z.string().nullable(),
});
export const learnerListOutput = z.object({
  total: z.number().int(),
  learners: z.array(learnerRow),
  next: z.string().nullable(),
  previous: z.string().nullable(),
});

/** `GET /admin/export/learners?q=&sort=&dir=`: the list as the admin sees it. */
export const learnerExportQuery = z.object({
  q: learnerQuery.default(""),
  sort: learnerSortSchema.default("activity"),
  dir: sortDirectionSchema.optional(),
});

/** `GET /admin/export/board?period=&course=&at=`: any board, any period (a closed one is its final standings). */
export const boardExportQuery = z.object({
  period: periodSchema.default("all-time"),
  course: externalIdSchema.optional(),
  at: calendarDaySchema.optional(),
});
