// One error type for the domain, and the one place that maps it to HTTP.
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR";

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
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

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
  console.error(err);
  return new AppError("INTERNAL_SERVER_ERROR", "Something went wrong on our side. Please retry.");
}

export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
    message: i.message,
  }));
}
