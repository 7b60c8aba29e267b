import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";

/** What a failed mutation says: its sentence, and the message of each wrong field by path ("criterion.threshold"). */
export function readError(error: unknown): { message: string; fields: Record<string, string>; code?: string } {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; issues?: { path: (string | number)[]; message: string }[] } | undefined;
    const fields: Record<string, string> = {};
    for (const issue of data?.issues ?? []) {
      const key = issue.path.join(".");
      fields[key] ??= issue.message;
    }
    return { message: error.message, fields, code: data?.code };
  }
  return { message: error instanceof Error ? error.message : "Something went wrong. Please retry.", fields: {} };
}

/** A failed action that has no form to show its error in: its sentence as a toast. */
export function toastError(error: unknown): void {
  toast.error(readError(error).message);
}

/** zod issues (client-side validation) as messages by path. */
export function issuesByPath(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    // zod's own type message ("Invalid input: expected number, received NaN") for an empty number box.
    fields[key] ??= /expected number/.test(issue.message) ? "must be a number" : issue.message;
  }
  return fields;
}

/** The errors without those of the given fields (a field's error goes when its value changes). */
export function withoutKeys(errors: Record<string, string>, ...keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !keys.includes(k)));
}

/** A field marked wrong, or a form's own error (FormError): where focus goes after a failed submit. */
const FIRST_ERROR = "[aria-invalid='true'], [data-form-error]";

/**
 * Focus for a form's errors, client or server: put `ref` on the form and call `focusFirstError()` where a submit
 * or a failed mutation sets them. Once React has drawn them, the first one gets focus (and is scrolled to), so
 * the message is where the admin looks, not above the visible part of the form. Editing a field does not move it.
 */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) ref.current?.querySelector<HTMLElement>(FIRST_ERROR)?.focus();
  }, [requests]);
  const focusFirstError = useCallback(() => setRequests((n) => n + 1), []);
  return { ref, focusFirstError };
}
