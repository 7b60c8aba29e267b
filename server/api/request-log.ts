import crypto from "node:crypto";
import type { Logger } from "pino";
import { describeError, logger, withRequestNote, type LoggedError, type RequestNote } from "@/server/log";
import { httpStatus, type ErrorCode } from "@/server/errors";
import { countRequest } from "@/server/observability/metrics";
import { inSpan } from "@/server/observability/tracing";
import type { ApiHandler } from "./http-exchange";

// One log line per LMS API request: its id, method, route template, status and duration, and for an error
// answer its code (and, for a fault or a bug, what server/log.ts describeError keeps of it). The id is the
// caller's `x-request-id` when it looks like an id, else a new UUID; either way it is echoed back in the
// answer's `x-request-id`, so an LMS's support ticket can name the line. The same moment counts the request in
// the metrics (route template and status, with its latency) and ends its span when tracing is on.

/** A request's span name until its route is known (an unmatched path keeps it). */
const API_SPAN = "/api/v1";

const SANE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

// Every error answer is made from an ErrorCode (errors.ts httpStatus), one status each: the status names the code.
const codeOfStatus = new Map(Object.entries(httpStatus).map(([code, status]) => [status, code as ErrorCode]));

interface RequestLine {
  reqId: string;
  method: string;
  route: string | null;
  status: number;
  durationMs: number;
  error?: { code: ErrorCode | null; fault?: LoggedError };
}

/** The handler, answering each request with its id in `x-request-id` and one line in the log. */
export function withRequestLog(handler: ApiHandler, log: Logger = logger()): ApiHandler {
  return async (req) => {
    const started = performance.now();
    const sent = req.headers.get("x-request-id");
    const note: RequestNote = { id: sent && SANE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID(), route: null };
    const line = (status: number): RequestLine => {
      const entry: RequestLine = {
        reqId: note.id,
        method: req.method,
        route: note.route,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      if (status >= 400) entry.error = { code: codeOfStatus.get(status) ?? null, ...(note.fault ? { fault: note.fault } : {}) };
      return entry;
    };
    const done = (status: number) => {
      const entry = line(status);
      countRequest(req.method, note.route, status, entry.durationMs / 1000);
      return entry;
    };
    return inSpan(`${req.method} ${API_SPAN}`, { "http.request.method": req.method }, async (span) => {
      try {
        const answer = await withRequestNote(note, () => handler(req));
        log[answer.status >= 500 ? "error" : "info"](done(answer.status), "request");
        span?.updateName(`${req.method} ${note.route ?? API_SPAN}`).setAttributes({ "http.response.status_code": answer.status });
        return { ...answer, headers: { ...answer.headers, "x-request-id": note.id } };
      } catch (err) {
        // The handlers answer every error themselves; this is for the host's own last resort (a 500).
        note.fault = describeError(err);
        log.error(done(500), "request");
        throw err;
      }
    });
  };
}
