import { z } from "zod";
import { textProblem, type TextKind } from "@/server/lib/text";
import { adminBoardInput, auditInput, learnerSearchInput, ledgerInput } from "./admin";
import { periodSchema } from "./boards";
import { learnerListInput } from "./learner-list";
import { deliveriesInput } from "./webhooks";
import { xapiLogInput } from "./xapi";

// The search parameters of the dashboard's pages (`?period=weekly&page=2`), each field read with the piece of
// the page's procedure input it feeds. A URL is typed, shared and edited by hand, so a value that does not
// fit falls back (`.catch`) to what the page shows without it, rather than failing the page. Every field
// arrives as a string, or undefined when absent.

/** Trimmed first, as a text field's value may carry spaces. */
const trimmedInto = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" ? v.trim() : v), schema);
/** Text typed into a filter, trimmed and cut to `max`; what no procedure takes (NUL, half a surrogate pair) is dropped. */
const typedText = (v: string, max: number, kind: TextKind = "free") => {
  const cut = v.trim().slice(0, max);
  return textProblem(cut, kind) ? "" : cut;
};
/** A trimmed text filter cut to the longest its procedure takes; empty means no filter. */
const textFilter = (max: number, kind: TextKind = "free") =>
  z
    .string()
    .transform((v) => typedText(v, max, kind) || undefined)
    .catch(undefined);

export const auditSearchSchema = z.object({
  category: auditInput.shape.category.catch(undefined),
  before: auditInput.shape.before.catch(undefined),
});

export const xapiLogSearchSchema = z.object({
  status: trimmedInto(xapiLogInput.shape.status).catch(undefined),
  reason: trimmedInto(xapiLogInput.shape.reason).catch(undefined),
  verb: textFilter(xapiLogInput.shape.verb.unwrap().maxLength!),
  learner: textFilter(xapiLogInput.shape.userId.unwrap().maxLength!, "id"),
  before: trimmedInto(xapiLogInput.shape.before).catch(undefined),
});

export const deliveriesSearchSchema = z.object({
  status: deliveriesInput.shape.status.catch(undefined),
  before: deliveriesInput.shape.before.catch(undefined),
});

export const learnerSearchSearchSchema = z.object({
  q: z
    .string()
    .transform((v) => typedText(v, learnerSearchInput.shape.query.maxLength!))
    .catch(""),
});

/** The Learners page: `?q=ada&sort=name&dir=asc&after=<cursor>`. */
export const learnerListSearchSchema = learnerSearchSearchSchema.extend({
  sort: learnerListInput.shape.sort.unwrap().catch("activity"),
  dir: learnerListInput.shape.direction.catch(undefined),
  after: learnerListInput.shape.after.catch(undefined),
  before: learnerListInput.shape.before.catch(undefined),
});

export const learnerLedgerSearchSchema = z.object({
  before: ledgerInput.shape.before.catch(undefined),
});

export const leaderboardSearchSchema = z.object({
  period: periodSchema.catch("all-time"),
  course: adminBoardInput.shape.courseId.catch(null),
  at: adminBoardInput.shape.at.catch(undefined),
  learner: z
    .string()
    .transform((v) => typedText(v, adminBoardInput.shape.courseId.unwrap().maxLength!, "id"))
    .catch(""),
  page: z
    .string()
    .transform((v) => Math.max(1, Number.parseInt(v, 10) || 1))
    .catch(1),
});
