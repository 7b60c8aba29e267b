import { dbFaultOf } from "@/server/db/faults";
import { reportFault } from "@/server/log";

// One error type for the domain, and the one place that maps it to HTTP.
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_SUPPORTED"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR"
  | "SERVICE_UNAVAILABLE";

export interface Issue {
  path: (string | number)[];
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Seconds a client is asked to wait after a 503 (the database not answering): about one failover. */
export const RETRY_AFTER_SECONDS = 5;

/** Headers an error answer carries besides its body: a 503 says when to come back. */
export const errorHeaders = (code: ErrorCode): Record<string, string> =>
  code === "SERVICE_UNAVAILABLE" ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Issue[] };
}

/** Any thrown value to the public error shape: internals never leave the server. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  const appError = toAppError(err);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.code === "BAD_REQUEST" && appError.issues) body.error.issues = appError.issues;
  return { status: httpStatus[appError.code], body };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === "P2002" || code === "23505") return new AppError("CONFLICT", "This record already exists.");
  if (code === "P2025") return new AppError("NOT_FOUND", "Not found.");
  reportFault(err);
  // A database fault that outlived the request's retries (server/db/faults.ts): the database, not a bug.
  if (dbFaultOf(err)) return new AppError("SERVICE_UNAVAILABLE", "The database is not answering right now. Please retry shortly.");
  return new AppError("INTERNAL_SERVER_ERROR", "Something went wrong on our side. Please retry.");
}

export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
    message: i.message,
  }));
}
