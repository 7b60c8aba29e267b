import { z } from "zod";
import { findUnsafeText, textProblem, type TextKind } from "@/server/lib/text";

// The one text rule of every edge (REST, tRPC, xAPI, path parameters, token claims), as zod schemas: what a
// string may hold before it reaches the database (server/lib/text.ts says why). Each stays a z.string(), so
// a form or a search field can still read its maxLength.

export const ID_MAX_LENGTH = 128;

/** The check itself, for a string schema that needs its own messages (`.superRefine(refuseUnsafeText("id"))`). */
export const refuseUnsafeText = (kind: TextKind) => (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = textProblem(value, kind);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

/**
 * An id the LMS names a thing with (event, learner, course, lesson, achievement key): 1 to `max` characters,
 * not only whitespace, no control character, valid Unicode. Kept as sent (not trimmed): it is the LMS's key.
 */
export const idText = (max = ID_MAX_LENGTH) =>
  z
    .string({ message: "must be a string" })
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v.length === 0 || v.trim().length > 0, "must not be only whitespace")
    .superRefine(refuseUnsafeText("id"));

/** Free text (a name, a description, a search): valid Unicode, and no control character but tab and line breaks. */
export const freeText = () => z.string({ message: "must be a string" }).superRefine(refuseUnsafeText("free"));

/** One line of text that is not free (a URL): valid Unicode, and no control character at all. */
export const lineText = () => z.string({ message: "must be a string" }).superRefine(refuseUnsafeText("id"));

/** Any JSON value whose every key and string free text may hold, nested at most 32 levels (xAPI statements). */
export const safeJsonValue = z.unknown().superRefine((value, ctx) => {
  const found = findUnsafeText(value);
  if (found) ctx.addIssue({ code: "custom", path: found.path, message: found.message });
});
