import type { PrismaClient } from "@prisma/client";
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { getServerSession, type Session } from "next-auth";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { authenticateApiKey, authOptions, findSessionAdmin } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { embedSecret, readEmbedSession } from "@/server/auth/embed-token";
import { AppError, httpStatus, toAppError, zodIssues, type ErrorCode, type Issue } from "@/server/errors";
import { MAX_JSON_DEPTH, tooDeepAt } from "@/server/lib/text";
import { adminActor } from "@/server/services/audit";

export interface TRPCContext {
  db: PrismaClient;
  databaseKind: "postgres" | "pglite";
  /** The next-auth session of a dashboard admin, if signed in. */
  session: Session | null;
  /** The API key the request presented, when valid (LMS calls). */
  apiKey: { id: number; name: string } | null;
  /** The request's headers (learner embeds read their session from them). */
  headers: Headers;
}

/** A context from parts: what tests and scripts use to call procedures without a request. */
export function createInnerContext(parts: {
  db: PrismaClient;
  databaseKind: TRPCContext["databaseKind"];
  session?: Session | null;
  apiKey?: TRPCContext["apiKey"];
  headers?: Headers;
}): TRPCContext {
  return { session: null, apiKey: null, headers: new Headers(), ...parts };
}

/** The context of an HTTP request or a server component (session read through next/headers). */
export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const database = await getDatabase();
  const [session, apiKey] = await Promise.all([getServerSession(authOptions), authenticateApiKey(database.prisma, opts.headers)]);
  return createInnerContext({ db: database.prisma, databaseKind: database.kind, session, apiKey, headers: opts.headers });
}

const appErrorCodes = new Set<string>(Object.keys(httpStatus));

/** The public face of any error: AppError codes and messages, never a stack or an internal message. */
export function toPublicError(error: TRPCError): { code: ErrorCode | TRPC_ERROR_CODE_KEY; message: string; issues?: Issue[] } {
  const cause = error.cause as { issues?: unknown } | undefined;
  if (error.code === "BAD_REQUEST" && !(cause instanceof AppError) && Array.isArray(cause?.issues)) {
    // Input validation (zod): a sentence naming the first problem, and every issue listed.
    const issues = zodIssues(cause.issues as { path: PropertyKey[]; message: string }[]);
    const first = issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    return { code: "BAD_REQUEST", message: `Invalid input: ${where}${first?.message ?? "see issues"}.`, issues };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    const appError = toAppError(error.cause ?? error);
    return { code: appError.code, message: appError.message, issues: appError.issues };
  }
  if (cause instanceof AppError) return { code: cause.code, message: cause.message, issues: cause.issues };
  // Deliberate TRPCErrors (UNAUTHORIZED from a base procedure, NOT_FOUND for an unknown path, ...).
  return { code: error.code, message: error.message };
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const pub = toPublicError(error);
      const status = appErrorCodes.has(pub.code) ? httpStatus[pub.code as ErrorCode] : shape.data.httpStatus;
      return {
        code: shape.code,
        message: pub.message,
        data: {
          code: pub.code,
          httpStatus: status,
          path: shape.data.path,
          ...(pub.code === "BAD_REQUEST" && pub.issues ? { issues: pub.issues } : {}),
        },
      };
    },
  });

// Services throw AppError; turn it into a TRPCError with the same code, so callers (HTTP, server
// components, tests) all see NOT_FOUND rather than a wrapped INTERNAL_SERVER_ERROR.
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const appError = toAppError(result.error.cause ?? result.error);
    throw new TRPCError({ code: appError.code, message: appError.message, cause: appError });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// API.md Revision 2: JSON nested deeper than 32 levels is refused anywhere in a body. The REST face checks it
// as it parses (readJsonBody); tRPC parses its own requests, so its input is checked here, before any schema.
const refuseDeepInput = t.middleware(async ({ getRawInput, next }) => {
  const deep = tooDeepAt(await getRawInput());
  if (deep) {
    const message = `is nested deeper than ${MAX_JSON_DEPTH} levels`;
    throw new AppError("BAD_REQUEST", `The input ${message}.`, [{ path: deep, message }]);
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapAppErrors).use(refuseDeepInput);

/**
 * Dashboard procedures: a signed-in admin who still exists, and `ctx.actor`, the admin as the audit log names
 * them, which every audited change is passed.
 */
export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const admin = await findSessionAdmin(ctx.db, ctx.session);
  if (!admin) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in as an admin to do this." });
  return next({ ctx: { admin, actor: adminActor(admin) } });
});

/** LMS procedures: a valid, unrevoked API key. */
export const apiKeyProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.apiKey) throw new TRPCError({ code: "UNAUTHORIZED", message: "Missing or invalid API key." });
  return next({ ctx: { apiKey: ctx.apiKey } });
});

/**
 * Learner embed procedures: a valid embed session, whose learner is `ctx.viewer`; they never take a user id.
 * Mutations need the session in its header, which a cross-site form or image cannot send, not the cookie alone.
 */
export const embedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const found = await readEmbedSession(ctx.headers, embedSecret());
  if (!found) throw new TRPCError({ code: "UNAUTHORIZED", message: "This view has expired. Reopen it from your course." });
  if (type === "mutation" && found.via !== "header") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Send the embed session header to change anything." });
  }
  return next({ ctx: { viewer: found.viewer } });
});
